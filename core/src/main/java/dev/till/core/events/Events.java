package dev.till.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.domain.Ids;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events into the outbox inside the caller's transaction: the event exists if and only if
 * the state change committed. The same statement queues the event's webhook deliveries (see
 * {@code EventStore/insert.sql}). With a {@link Courier} wired, those deliveries are recorded
 * leased to this node and handed to it once the transaction commits, so they go out at once; the
 * table stays the record, so nothing is lost if the node dies first. Listeners (ledger postings,
 * orders, links) run inside the same transaction. Thread-safe once wired.
 */
public final class Events {
    private static final Logger log = LoggerFactory.getLogger(Events.class);
    /**
     * Called inside the recording transaction, e.g. to post to the ledger or move an order.
     * {@code snapshot} is the object the event's {@code data} was serialised from, as the recorder
     * passed it (a payment event's is a {@code PaymentSnapshot}): a listener may read what the
     * recorder knows but the JSON leaves out, such as what a payment pays for.
     */
    public interface Listener {
        void recorded(Handle tx, Event event, Object snapshot);

        /**
         * The events of one {@link #recordAll} call, in their order. A listener that can do the
         * work of several events at once (the ledger's postings) overrides this; by default each is
         * handed to {@link #recorded} in turn.
         */
        default void recordedAll(Handle tx, List<Recorded> recorded) {
            for (Recorded r : recorded) recorded(tx, r.event(), r.snapshot());
        }
    }

    /** An event as recorded, with the object its {@code data} was serialised from. */
    public record Recorded(Event event, Object snapshot) {}

    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;
    private final List<Listener> listeners = new ArrayList<>();
    private final Map<Transaction, Handover> handovers = new ConcurrentHashMap<>();
    private Courier courier;

    public Events(Ids ids, Clock clock, ObjectMapper json) {
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    /** Wiring-time only: not safe to call while requests run. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Wiring-time only: deliveries recorded from now on are sent on commit by {@code courier}. */
    public void deliverOnCommit(Courier courier) {
        this.courier = courier;
    }

    /**
     * Deliveries recorded in this transaction wait for the claim instead of being sent on commit.
     * A transaction that rolls back to a savepoint must say so before it records anything: what a
     * savepoint undoes would still be handed over on commit.
     */
    public void holdDeliveries(Handle tx) {
        if (courier != null && tx.isInTransaction()) handover(tx).held = true;
    }

    /** One event to record: its type and the object its {@code data} is serialised from. */
    public record Occurrence(String type, Object snapshot) {}

    public Event record(Handle tx, String merchantId, String type, String objectId, Object snapshot) {
        return record(tx, merchantId, objectId, List.of(new Occurrence(type, snapshot))).getFirst();
    }

    /** Several events of one object in one statement, numbered in list order (see {@link #recordAll}). */
    public List<Event> record(Handle tx, String merchantId, String objectId, List<Occurrence> occurrences) {
        return recordAll(tx, List.of(new Batch(merchantId, objectId, occurrences)));
    }

    /** The events of one object, in the order they happened. */
    public record Batch(String merchantId, String objectId, List<Occurrence> occurrences) {}

    /**
     * The events of one or more objects in one statement: a group of concurrent requests records
     * all its payments' events at once. Each object's events are numbered in list order; an object
     * appears in one batch at most (two would both number from its last event, and the second's
     * insert would fail on the unique sequence). Listeners
     * run once all are written, each in turn seeing all of them in order ({@link Listener#recordedAll}):
     * an event recorded this way must not depend on what a listener does for another one in the
     * call. Returns the events in the order given, batch after batch.
     */
    public List<Event> recordAll(Handle tx, List<Batch> batches) {
        int size = 0;
        for (Batch b : batches) size += b.occurrences().size();
        List<String> eventIds = new ArrayList<>(size);
        List<String> merchantIds = new ArrayList<>(size);
        List<String> objectIds = new ArrayList<>(size);
        List<Integer> nths = new ArrayList<>(size);
        List<String> types = new ArrayList<>(size);
        List<String> data = new ArrayList<>(size);
        List<Object> snapshots = new ArrayList<>(size);
        for (Batch b : batches) {
            for (int i = 0; i < b.occurrences().size(); i++) {
                Occurrence o = b.occurrences().get(i);
                eventIds.add(ids.next("evt_"));
                merchantIds.add(b.merchantId());
                objectIds.add(b.objectId());
                nths.add(i + 1);
                types.add(o.type());
                data.add(serialised(o));
                snapshots.add(o.snapshot());
            }
        }
        // As PostgreSQL keeps it: what is handed over and returned equals what is read back later.
        var createdOn = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Courier.Lease lease = mayLease(tx) ? courier.lease(createdOn) : null;
        List<EventStore.Inserted> rows = new EventStore(tx).insert(eventIds, merchantIds, types, objectIds, nths, createdOn,
                data, lease);
        List<Recorded> recorded = new ArrayList<>(size);
        int row = 0;
        Handover handover = null;
        for (int i = 0; i < size; i++) {
            Event event = new Event(eventIds.get(i), merchantIds.get(i), types.get(i), objectIds.get(i), rows.get(row).seq(),
                    createdOn, data.get(i));
            recorded.add(new Recorded(event, snapshots.get(i)));
            for (; row < rows.size() && rows.get(row).eventId().equals(event.id()); row++) {
                var leased = rows.get(row).leased();
                if (leased == null) continue;
                if (handover == null) handover = handover(tx);
                handover.deliveries.add(fresh(event, leased, lease));
            }
        }
        for (Listener l : listeners) l.recordedAll(tx, recorded);
        List<Event> events = new ArrayList<>(size);
        for (Recorded r : recorded) events.add(r.event());
        return events;
    }

    private static Courier.FreshDelivery fresh(Event e, EventStore.Leased l, Courier.Lease lease) {
        return new Courier.FreshDelivery(e.merchantId(), e.id(), e.type(), e.createdOn(), e.data(), l.endpointId(), l.url(),
                l.headers(), l.secret(), l.previousSecret(), l.previousSecretExpiresOn(), lease.until(), lease.token());
    }

    /**
     * The deliveries a transaction has leased so far, handed to the courier when it commits and
     * dropped when it rolls back. At most {@link #MAX_HANDOVER} per transaction: a job that records
     * thousands of events in one transaction leaves the rest to the claim instead of queueing them
     * all in memory.
     */
    private static final class Handover {
        final List<Courier.FreshDelivery> deliveries = new ArrayList<>();
        boolean held;

        boolean open() {
            return !held && deliveries.size() < MAX_HANDOVER;
        }
    }

    /** A group of concurrent requests' payments records a few events each, times the endpoints. */
    private static final int MAX_HANDOVER = 256;

    /** Identity of a handle: JDBI's {@code Handle.equals} is not about which transaction it is. */
    private record Transaction(Handle handle) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Transaction t && t.handle == handle;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(handle);
        }
    }

    /**
     * Whether this transaction's deliveries may be leased for sending on commit. Outside a
     * transaction there is no commit to hand over on: the claim sends those.
     */
    private boolean mayLease(Handle tx) {
        if (courier == null || !tx.isInTransaction()) return false;
        Handover existing = handovers.get(new Transaction(tx));
        return existing == null || existing.open();
    }

    /** The transaction's handover, made (with its commit and rollback callbacks) on first use. */
    private Handover handover(Handle tx) {
        Transaction key = new Transaction(tx);
        Handover existing = handovers.get(key);
        if (existing != null) return existing;
        Handover created = new Handover();
        handovers.put(key, created);
        tx.afterCommit(() -> {
            handovers.remove(key);
            if (created.deliveries.isEmpty() || created.held) return;
            try {
                courier.committed(created.deliveries);
            } catch (RuntimeException e) {
                // Committed all the same: the leases lapse and the claim sends them.
                log.warn("{} deliveries could not be handed over on commit; they will be claimed", created.deliveries.size(), e);
            }
        });
        tx.afterRollback(() -> handovers.remove(key));
        tx.addCleanable(() -> handovers.remove(key));
        return created;
    }

    private String serialised(Occurrence o) {
        try {
            return json.writeValueAsString(o.snapshot());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event snapshot is not serialisable: " + o.type(), e);
        }
    }
}
