package dev.till.core.orders;

import dev.till.core.payments.ReleaseBackoff;
import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** An order's payment attempts. Lives as long as its handle. */
public final class OrderAttemptStore {
    private static final String MARK_SUPERSEDED = Sql.of(OrderAttemptStore.class, "markSuperseded");
    private static final String CLAIM_SUPERSEDED = Sql.of(OrderAttemptStore.class, "claimSuperseded");
    private static final String MARK_RELEASED = Sql.of(OrderAttemptStore.class, "markReleased");
    private static final String MARK_RELEASE_RETRY = Sql.of(OrderAttemptStore.class, "markReleaseRetry");
    private static final String INSERT = Sql.of(OrderAttemptStore.class, "insert");
    private static final String SETTLE_PENDING = Sql.of(OrderAttemptStore.class, "settlePending");
    private static final String FIND = Sql.of(OrderAttemptStore.class, "find");
    private static final String FOR_ORDER = Sql.of(OrderAttemptStore.class, "forOrder");
    private static final String ANY_PENDING = Sql.of(OrderAttemptStore.class, "anyPending");

    private final Handle h;

    public OrderAttemptStore(Handle h) {
        this.h = h;
    }

    public int markSuperseded(String merchantId, String paymentId, Instant now) {
        return h.createUpdate(MARK_SUPERSEDED).bind("merchantId", merchantId).bind("paymentId", paymentId)
                .bind("now", now).execute();
    }

    /** The oldest superseded attempt still to release whose retry time (if any) has come, locked. */
    public Optional<SupersededAttempt> claimSuperseded(Instant now) {
        return h.createQuery(CLAIM_SUPERSEDED).bind("now", now).map(OrderAttemptStore::superseded).findOne();
    }

    /** A refused release waits ({@link ReleaseBackoff}); when it is tried again, or empty if already released. */
    public Optional<Instant> markReleaseRetry(String merchantId, String paymentId, Instant now) {
        return ReleaseBackoff.bindTo(h.createQuery(MARK_RELEASE_RETRY)).bind("merchantId", merchantId)
                .bind("paymentId", paymentId).bind("now", now)
                .map((rs, ctx) -> Columns.instant(rs, "release_retry_on")).findOne();
    }

    public int markReleased(String merchantId, String paymentId, Instant now) {
        return h.createUpdate(MARK_RELEASED).bind("merchantId", merchantId).bind("paymentId", paymentId)
                .bind("now", now).execute();
    }

    public void insert(String merchantId, String orderId, String paymentId, String outcome, Instant now) {
        h.createUpdate(INSERT).bind("merchantId", merchantId).bind("orderId", orderId).bind("paymentId", paymentId)
                .bind("outcome", outcome).bind("now", now).execute();
    }

    /** Settles a pending attempt once; a second report of the same outcome changes nothing. */
    public int settlePending(String merchantId, String paymentId, String outcome) {
        return h.createUpdate(SETTLE_PENDING).bind("merchantId", merchantId).bind("paymentId", paymentId)
                .bind("outcome", outcome).execute();
    }

    /** Whether any attempt of the order still waits for its outcome (3-D Secure, or the network's reply). */
    public boolean anyPending(String merchantId, String orderId) {
        return h.createQuery(ANY_PENDING).bind("merchantId", merchantId).bind("orderId", orderId)
                .mapTo(Boolean.class).one();
    }

    public Optional<OrderAttempt> find(String merchantId, String paymentId) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("paymentId", paymentId)
                .map(OrderAttemptStore::attempt).findOne();
    }

    public List<OrderAttempt> forOrder(String merchantId, String orderId) {
        return h.createQuery(FOR_ORDER).bind("merchantId", merchantId).bind("orderId", orderId)
                .map(OrderAttemptStore::attempt).list();
    }

    /**
     * The payment of the order's latest approved attempt: the one that paid or holds it. A
     * superseded approval is being given back, so it is never the order's payment, even when it
     * came from a later attempt.
     */
    public Optional<String> latestApprovedPayment(String merchantId, String orderId) {
        return forOrder(merchantId, orderId).stream().filter(OrderAttempt::paysOrder)
                .reduce((a, b) -> b).map(OrderAttempt::paymentId);
    }

    private static SupersededAttempt superseded(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SupersededAttempt(rs.getString("merchant_id"), rs.getString("payment_id"));
    }

    private static OrderAttempt attempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new OrderAttempt(rs.getString("payment_id"), rs.getString("order_id"), rs.getString("outcome"),
                Columns.instant(rs, "created_on"), Columns.instant(rs, "superseded_on"));
    }
}
