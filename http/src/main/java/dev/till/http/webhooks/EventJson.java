package dev.till.http.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.till.core.events.Event;
import dev.till.core.webhooks.Delivery;
import dev.till.core.webhooks.DeliveryAttempt;
import dev.till.core.webhooks.DeliveryLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Wire shapes of {@code /events} and of delivery logs. */
public final class EventJson {
    private EventJson() {}

    public record Response(String id, String type, String createdOn, String objectId, int sequence,
                           @JsonRawValue String data, @JsonProperty("_links") Map<String, Map<String, String>> links) {
        public static Response of(Event e, String publicUrl) {
            return new Response(e.id(), e.type(), e.createdOn().toString(), e.objectId(), e.objectSeq(), e.data(),
                    Map.of("self", Map.of("href", publicUrl + "/events/" + e.id()),
                           "deliveries", Map.of("href", publicUrl + "/events/" + e.id() + "/deliveries")));
        }
    }

    public record ListResponse(List<Response> data, boolean hasMore, String nextCursor) {}

    public record Attempt(String id, int number, String attemptedOn, String outcome, Integer statusCode, int latencyMs,
                          String error, String responseExcerpt) {
        static Attempt of(DeliveryAttempt a) {
            return new Attempt(a.id(), a.number(), a.attemptedOn().toString(), a.outcome(), a.statusCode(), a.latencyMs(),
                    a.error(), a.responseExcerpt());
        }
    }

    /** {@code attempts} is omitted where only the delivery's state is shown (resend). */
    public record DeliveryResponse(String eventId, String endpointId, String eventType, String status, int attemptCount,
                                   String nextAttemptAt, Integer lastStatusCode, String createdOn, String updatedOn,
                                   List<Attempt> attempts) {
        static DeliveryResponse of(Delivery d, List<DeliveryAttempt> attempts) {
            return new DeliveryResponse(d.eventId(), d.endpointId(), d.eventType(), d.status(), d.attempts(),
                    text(d.nextAttemptAt()), d.lastStatus(), d.createdOn().toString(), d.updatedOn().toString(),
                    attempts == null ? null : attempts.stream().map(Attempt::of).toList());
        }

        static DeliveryResponse of(DeliveryLog log) {
            return of(log.delivery(), log.attempts());
        }
    }

    public record DeliveryList(List<DeliveryResponse> data, boolean hasMore, String nextCursor) {}

    /** No {@code endpoint_id}: every active endpoint subscribed to the event's type. */
    public record ResendRequest(String endpointId) {}

    public record ResendResponse(String eventId, List<DeliveryResponse> deliveries) {}

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
