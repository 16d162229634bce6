package dev.till.core.webhooks;

import dev.till.core.events.Event;
import dev.till.core.events.EventStore;
import dev.till.core.paging.Cursor;
import dev.till.core.paging.Page;
import dev.till.domain.Problem;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Inspection and replay: events, their deliveries and attempts, an endpoint's log, resend. Thread-safe. */
public final class EventLog {
    private final Jdbi jdbi;
    private final Clock clock;

    public EventLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Page<Event> list(String merchantId, Optional<String> type, Optional<String> objectId, Cursor after, int limit) {
        var rows = jdbi.withHandle(h -> new EventLogStore(h).listPage(merchantId, type.orElse(null),
                objectId.orElse(null), after.createdOn(), after.id(), limit + 1));
        return Page.of(rows, limit, Event::createdOn, Event::id);
    }

    public Event get(String merchantId, String eventId) {
        return jdbi.withHandle(h -> new EventStore(h).find(merchantId, eventId))
                .orElseThrow(() -> Problem.notFound("event", eventId).toException());
    }

    public List<DeliveryLog> deliveries(String merchantId, String eventId) {
        get(merchantId, eventId);
        return jdbi.withHandle(h -> {
            DeliveryStore store = new DeliveryStore(h);
            return withAttempts(store.forEvent(merchantId, eventId), store.attemptsForEvent(merchantId, eventId));
        });
    }

    /** The endpoint's deliveries, newest first, optionally only one status or event type. */
    public Page<DeliveryLog> endpointLog(String merchantId, String endpointId, Optional<String> status,
                                         Optional<String> eventType, Cursor after, int limit) {
        return jdbi.withHandle(h -> {
            if (new WebhookEndpointStore(h).find(merchantId, endpointId).isEmpty()) {
                throw Problem.notFound("webhook", endpointId).toException();
            }
            DeliveryStore store = new DeliveryStore(h);
            Page<Delivery> page = Page.of(store.pageForEndpoint(merchantId, endpointId, status.orElse(null),
                    eventType.orElse(null), after.createdOn(), after.id(), limit + 1), limit, Delivery::createdOn, Delivery::eventId);
            String[] eventIds = page.data().stream().map(Delivery::eventId).toArray(String[]::new);
            List<DeliveryLog> logs = withAttempts(page.data(), store.attemptsForEndpoint(merchantId, endpointId, eventIds));
            return new Page<>(logs, page.hasMore(), page.nextCursor());
        });
    }

    /** Sends the event again, on a fresh schedule, to one endpoint or to every subscribed one. */
    public List<Delivery> resend(Handle tx, String merchantId, String eventId, Optional<String> endpointId) {
        Event event = new EventStore(tx).find(merchantId, eventId)
                .orElseThrow(() -> Problem.notFound("event", eventId).toException());
        if (endpointId.isPresent() && new WebhookEndpointStore(tx).find(merchantId, endpointId.get()).isEmpty()) {
            throw Problem.notFound("webhook", endpointId.get()).toException();
        }
        return new DeliveryStore(tx).requeue(merchantId, eventId, event.type(), endpointId.orElse(null), clock.instant());
    }

    private static List<DeliveryLog> withAttempts(List<Delivery> deliveries, List<DeliveryAttempt> attempts) {
        Map<String, List<DeliveryAttempt>> byKey = attempts.stream()
                .collect(Collectors.groupingBy(a -> a.eventId() + "/" + a.endpointId()));
        return deliveries.stream()
                .map(d -> new DeliveryLog(d, byKey.getOrDefault(d.eventId() + "/" + d.endpointId(), List.of())))
                .toList();
    }
}
