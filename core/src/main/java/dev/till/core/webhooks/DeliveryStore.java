package dev.till.core.webhooks;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
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
     * Records attempts, each together with its delivery's next state, in one statement
     * (recordAttempt.sql): under load one round trip and one commit carry dozens of attempts. Each
     * attempt is numbered and counted as it is recorded; a delivery moves only while the attempt's
     * lease (token) is still the current one. One statement can update a row only once, so a batch
     * holding two attempts of one delivery (a late send and the one that replaced it) is written
     * as more than one statement, each with one attempt per delivery.
     */
    public void recordAll(List<Recorded> attempts, Instant now) {
        List<Recorded> rest = attempts;
        while (!rest.isEmpty()) {
            Set<List<String>> deliveries = new HashSet<>();
            List<Recorded> first = new ArrayList<>(rest.size());
            List<Recorded> later = new ArrayList<>();
            for (Recorded r : rest) {
                (deliveries.add(List.of(r.attempt().eventId(), r.attempt().endpointId())) ? first : later).add(r);
            }
            recordOncePerDelivery(first, now);
            rest = later;
        }
    }

    private void recordOncePerDelivery(List<Recorded> attempts, Instant now) {
        List<DeliveryAttempt> a = attempts.stream().map(Recorded::attempt).toList();
        h.createUpdate(RECORD_ATTEMPT)
                .bindByType("ids", column(a, DeliveryAttempt::id), SqlArrays.TEXT)
                .bindByType("merchantIds", column(a, DeliveryAttempt::merchantId), SqlArrays.TEXT)
                .bindByType("eventIds", column(a, DeliveryAttempt::eventId), SqlArrays.TEXT)
                .bindByType("endpointIds", column(a, DeliveryAttempt::endpointId), SqlArrays.TEXT)
                .bindByType("attemptedOn", column(a, x -> x.attemptedOn().toString()), SqlArrays.TEXT)
                .bindByType("outcomes", column(a, DeliveryAttempt::outcome), SqlArrays.TEXT)
                .bindByType("statusCodes", column(a, DeliveryAttempt::statusCode), SqlArrays.INTEGER)
                .bindByType("latencies", column(a, DeliveryAttempt::latencyMs), SqlArrays.INTEGER)
                .bindByType("errors", column(a, DeliveryAttempt::error), SqlArrays.TEXT)
                .bindByType("excerpts", column(a, DeliveryAttempt::responseExcerpt), SqlArrays.TEXT)
                .bindByType("statuses", column(attempts, r -> switch (r.attempt().outcome()) {
                    case "succeeded", "failed" -> r.attempt().outcome();
                    default -> "pending"; // retrying, or paused by a 410: tried again at nextAttemptAt
                }), SqlArrays.TEXT)
                .bindByType("nextAttemptAt", column(attempts, r -> r.nextAttemptAt() == null ? null
                        : r.nextAttemptAt().toString()), SqlArrays.TEXT)
                .bindByType("tokens", column(attempts, Recorded::token), SqlArrays.TEXT)
                .bind("now", now)
                .execute();
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

    private static ClaimedDelivery claimed(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ClaimedDelivery(rs.getString("merchant_id"), rs.getString("event_id"), rs.getString("endpoint_id"),
                rs.getString("event_type"), rs.getInt("round_attempts"),
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
