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

    public Event record(Handle tx, String merchantId, String type, String objectId, Object snapshot) {
        String data;
        try {
            data = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event snapshot is not serialisable: " + type, e);
        }
        String id = ids.next("evt_");
        var createdOn = clock.instant();
        int seq = new EventStore(tx).insert(id, merchantId, type, objectId, createdOn, data);
        Event event = new Event(id, merchantId, type, objectId, seq, createdOn, data);
        for (Listener l : listeners) l.recorded(tx, event, snapshot);
        return event;
    }
}
