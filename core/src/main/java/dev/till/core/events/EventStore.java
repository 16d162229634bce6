package dev.till.core.events;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The event outbox. Lives as long as its handle. */
public final class EventStore {
    private static final String INSERT = Sql.of(EventStore.class, "insert");
    private static final String FIND = Sql.of(EventStore.class, "find");
    private static final String FOR_OBJECT = Sql.of(EventStore.class, "forObject");

    private final Handle h;

    public EventStore(Handle h) {
        this.h = h;
    }

    /** A row of the insert: an event's sequence number and, if any, one delivery leased with it. */
    public record Inserted(String eventId, int seq, Leased leased) {}

    /**
     * The endpoint a delivery was leased for, as the sender needs it. The event's data is not
     * returned: it is stored as given ({@code json}), so the caller's copy is what a retry reads
     * back.
     */
    public record Leased(String endpointId, String url, String headers, byte[] secret, byte[] previousSecret,
                         Instant previousSecretExpiresOn) {}

    /**
     * Events, each numbered after its object's last ({@code nths}: 1, 2, … among the events of its
     * object in this call), with their deliveries. The lists run in parallel, one element per event;
     * they may span several objects and merchants. With a lease, deliveries to endpoints not in its
     * busy list are recorded leased and come back with the events; otherwise each event comes back
     * once, without a delivery. Rows are in event order.
     */
    public List<Inserted> insert(List<String> ids, List<String> merchantIds, List<String> types, List<String> objectIds,
                                 List<Integer> nths, Instant createdOn, List<String> data, Courier.Lease lease) {
        return h.createQuery(INSERT).bindByType("ids", ids, SqlArrays.TEXT).bindByType("merchantIds", merchantIds, SqlArrays.TEXT)
                .bindByType("types", types, SqlArrays.TEXT).bindByType("objectIds", objectIds, SqlArrays.TEXT)
                .bindByType("nths", nths, SqlArrays.INTEGER).bind("createdOn", createdOn)
                .bindByType("data", data, SqlArrays.TEXT)
                .bind("token", lease == null ? null : lease.token())
                .bindByType("leaseUntil", lease == null ? null : lease.until(), Instant.class)
                .bindByType("busy", lease == null ? List.of() : lease.busy(), SqlArrays.TEXT)
                .map(EventStore::inserted).list();
    }

    private static Inserted inserted(ResultSet rs, StatementContext ctx) throws SQLException {
        String endpointId = rs.getString("endpoint_id");
        Leased leased = endpointId == null ? null : new Leased(endpointId, rs.getString("url"), rs.getString("headers"),
                rs.getBytes("secret"), rs.getBytes("previous_secret"), Columns.instant(rs, "previous_secret_expires_on"));
        return new Inserted(rs.getString("id"), rs.getInt("object_seq"), leased);
    }

    public Optional<Event> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(EventStore::event).findOne();
    }

    public List<Event> forObject(String merchantId, String objectId) {
        return h.createQuery(FOR_OBJECT).bind("merchantId", merchantId).bind("objectId", objectId)
                .map(EventStore::event).list();
    }

    /** Also reads the inspection API's pages ({@code EventLogStore}). */
    public static Event event(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Event(rs.getString("id"), rs.getString("merchant_id"), rs.getString("type"), rs.getString("object_id"),
                rs.getInt("object_seq"), Columns.instant(rs, "created_on"), rs.getString("data"));
    }
}
