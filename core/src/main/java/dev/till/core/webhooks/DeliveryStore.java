package dev.till.core.webhooks;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Webhook deliveries (one per event and endpoint) and their attempts. Deliveries are created with
 * their event ({@code EventStore/insert.sql}). Lives as long as its handle.
 */
public final class DeliveryStore {
    private static final String CLAIM_DUE = Sql.of(DeliveryStore.class, "claimDue");
    private static final String RECORD_ATTEMPT = Sql.of(DeliveryStore.class, "recordAttempt");
    private static final String REQUEUE = Sql.of(DeliveryStore.class, "requeue");
    private static final String FOR_EVENT = Sql.of(DeliveryStore.class, "forEvent");
    private static final String PAGE_FOR_ENDPOINT = Sql.of(DeliveryStore.class, "pageForEndpoint");
    private static final String ATTEMPTS_FOR_EVENT = Sql.of(DeliveryStore.class, "attemptsForEvent");
    private static final String ATTEMPTS_FOR_ENDPOINT = Sql.of(DeliveryStore.class, "attemptsForEndpoint");

    private final Handle h;

    public DeliveryStore(Handle h) {
        this.h = h;
    }

    /**
     * Leases up to {@code limit} due deliveries with {@code FOR UPDATE SKIP LOCKED}, at most
     * {@code perEndpoint} in flight per endpoint counting leases held by every node. This is the
     * one query that spans merchants: the worker serves them all.
     */
    public List<ClaimedDelivery> claimDue(Instant now, Instant leaseUntil, String token, int limit, int perEndpoint) {
        return h.createQuery(CLAIM_DUE).bind("now", now).bind("leaseUntil", leaseUntil).bind("token", token)
                .bind("limit", limit).bind("perEndpoint", perEndpoint)
                .map(DeliveryStore::claimed).list();
    }

    /** A finished attempt with the delivery's next attempt (only when the outcome is a retry), under a lease. */
    public record Recorded(DeliveryAttempt attempt, String token, Instant nextAttemptAt) {}

    /**
     * Records attempts, each together with its delivery's next state (recordAttempt.sql, one
     * statement per attempt), sent as one JDBC batch: under load one round trip and one commit
     * carry dozens of attempts. A delivery moves only while the caller's lease (token) is still
     * the current one.
     */
    public void recordAll(List<Recorded> attempts, Instant now) {
        PreparedBatch batch = h.prepareBatch(RECORD_ATTEMPT);
        for (Recorded r : attempts) {
            String status = switch (r.attempt().outcome()) {
                case "succeeded", "failed" -> r.attempt().outcome();
                default -> "pending"; // retrying, or paused by a 410: tried again at nextAttemptAt
            };
            bind(batch, r.attempt()).bind("status", status).bindByType("nextAttemptAt", r.nextAttemptAt(), Instant.class)
                    .bind("token", r.token()).bind("now", now).add();
        }
        if (batch.size() > 0) batch.execute();
    }

    /**
     * Starts a fresh 7-day schedule for the event at one endpoint (regardless of its types) or, with
     * a null endpoint, at every active endpoint subscribed to the type. Returns the deliveries.
     */
    public List<Delivery> requeue(String merchantId, String eventId, String type, String endpointId, Instant now) {
        return h.createQuery(REQUEUE).bind("merchantId", merchantId).bind("eventId", eventId).bind("type", type)
                .bind("endpointId", endpointId).bind("now", now).map(DeliveryStore::delivery).list();
    }

    public List<Delivery> forEvent(String merchantId, String eventId) {
        return h.createQuery(FOR_EVENT).bind("merchantId", merchantId).bind("eventId", eventId)
                .map(DeliveryStore::delivery).list();
    }

    public List<Delivery> pageForEndpoint(String merchantId, String endpointId, String status, String eventType,
                                          Instant afterCreatedOn, String afterId, int limit) {
        return h.createQuery(PAGE_FOR_ENDPOINT).bind("merchantId", merchantId).bind("endpointId", endpointId)
                .bind("status", status).bind("eventType", eventType)
                .bindByType("afterCreatedOn", afterCreatedOn, Instant.class).bind("afterId", afterId).bind("limit", limit)
                .map(DeliveryStore::delivery).list();
    }

    public List<DeliveryAttempt> attemptsForEvent(String merchantId, String eventId) {
        return h.createQuery(ATTEMPTS_FOR_EVENT).bind("merchantId", merchantId).bind("eventId", eventId)
                .map(DeliveryStore::attempt).list();
    }

    public List<DeliveryAttempt> attemptsForEndpoint(String merchantId, String endpointId, String[] eventIds) {
        return h.createQuery(ATTEMPTS_FOR_ENDPOINT).bind("merchantId", merchantId).bind("endpointId", endpointId)
                .bind("eventIds", eventIds).map(DeliveryStore::attempt).list();
    }

    private static <S extends SqlStatement<S>> S bind(S statement, DeliveryAttempt a) {
        return statement.bind("a.id", a.id()).bind("a.merchantId", a.merchantId()).bind("a.eventId", a.eventId())
                .bind("a.endpointId", a.endpointId()).bind("a.number", a.number()).bind("a.attemptedOn", a.attemptedOn())
                .bind("a.outcome", a.outcome()).bindByType("a.statusCode", a.statusCode(), Integer.class)
                .bind("a.latencyMs", a.latencyMs()).bind("a.error", a.error())
                .bind("a.responseExcerpt", a.responseExcerpt());
    }

    private static ClaimedDelivery claimed(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ClaimedDelivery(rs.getString("merchant_id"), rs.getString("event_id"), rs.getString("endpoint_id"),
                rs.getString("event_type"), rs.getInt("attempts"), rs.getInt("round_attempts"),
                Columns.instant(rs, "schedule_start"), rs.getString("url"), rs.getString("headers"),
                rs.getBytes("secret"), rs.getBytes("previous_secret"), Columns.instant(rs, "previous_secret_expires_on"),
                Columns.instant(rs, "event_created_on"), rs.getString("data"));
    }

    private static Delivery delivery(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Delivery(rs.getString("merchant_id"), rs.getString("event_id"), rs.getString("endpoint_id"),
                rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
                Columns.instant(rs, "next_attempt_at"), Columns.nullableInt(rs, "last_status"),
                Columns.instant(rs, "created_on"), Columns.instant(rs, "updated_on"));
    }

    private static DeliveryAttempt attempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new DeliveryAttempt(rs.getString("id"), rs.getString("merchant_id"), rs.getString("event_id"),
                rs.getString("endpoint_id"), rs.getInt("number"), Columns.instant(rs, "attempted_on"),
                rs.getString("outcome"), Columns.nullableInt(rs, "status_code"), rs.getInt("latency_ms"),
                rs.getString("error"), rs.getString("response_excerpt"));
    }
}
