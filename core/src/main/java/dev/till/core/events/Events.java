package dev.till.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.domain.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes events into the outbox inside the caller's transaction: the event exists if and only if
 * the state change committed. Delivery happens later, from the table, never from memory.
 * The same statement queues the event's webhook deliveries (see {@code EventStore/insert.sql}).
 * Listeners (ledger postings, orders, links) run inside the same transaction. Thread-safe once wired.
 */
public final class Events {
    /**
     * Called inside the recording transaction, e.g. to post to the ledger or move an order.
     * {@code snapshot} is the object the event's {@code data} was serialised from, as the recorder
     * passed it (a payment event's is a {@code PaymentSnapshot}): a listener may read what the
     * recorder knows but the JSON leaves out, such as what a payment pays for.
     */
    public interface Listener {
        void recorded(Handle tx, Event event, Object snapshot);
    }

    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;
    private final List<Listener> listeners = new ArrayList<>();

    public Events(Ids ids, Clock clock, ObjectMapper json) {
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    /** Wiring-time only: not safe to call while requests run. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** One event to record: its type and the object its {@code data} is serialised from. */
    public record Occurrence(String type, Object snapshot) {}

    public Event record(Handle tx, String merchantId, String type, String objectId, Object snapshot) {
        return record(tx, merchantId, objectId, List.of(new Occurrence(type, snapshot))).getFirst();
    }

    /**
     * Several events of one object in one statement, numbered in list order. Listeners then see
     * them in that order, each after all were written: an event recorded this way must not depend
     * on what a listener of an earlier one in the list does.
     */
    public List<Event> record(Handle tx, String merchantId, String objectId, List<Occurrence> occurrences) {
        List<String> eventIds = new ArrayList<>(occurrences.size());
        List<String> types = new ArrayList<>(occurrences.size());
        List<String> data = new ArrayList<>(occurrences.size());
        for (Occurrence o : occurrences) {
            eventIds.add(ids.next("evt_"));
            types.add(o.type());
            data.add(serialised(o));
        }
        var createdOn = clock.instant();
        List<Integer> seqs = new EventStore(tx).insert(eventIds, merchantId, types, objectId, createdOn, data);
        List<Event> recorded = new ArrayList<>(occurrences.size());
        for (int i = 0; i < occurrences.size(); i++) {
            recorded.add(new Event(eventIds.get(i), merchantId, types.get(i), objectId, seqs.get(i), createdOn, data.get(i)));
        }
        for (int i = 0; i < recorded.size(); i++) {
            for (Listener l : listeners) l.recorded(tx, recorded.get(i), occurrences.get(i).snapshot());
        }
        return recorded;
    }

    private String serialised(Occurrence o) {
        try {
            return json.writeValueAsString(o.snapshot());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event snapshot is not serialisable: " + o.type(), e);
        }
    }
}
