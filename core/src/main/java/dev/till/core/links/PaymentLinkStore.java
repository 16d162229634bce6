package dev.till.core.links;

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
import org.jdbi.v3.core.statement.Update;

/**
 * Payment link rows. Every write is named after its intention and guarded by the version (or the
 * status) it expects, so a stale read never overwrites a newer state. Lives as long as its handle.
 */
public final class PaymentLinkStore {
    private static final String INSERT = Sql.of(PaymentLinkStore.class, "insert");
    private static final String FIND = Sql.of(PaymentLinkStore.class, "find");
    private static final String FIND_FOR_UPDATE = Sql.of(PaymentLinkStore.class, "findForUpdate");
    private static final String FIND_BY_PAYMENT_FOR_UPDATE = Sql.of(PaymentLinkStore.class, "findByPaymentForUpdate");
    private static final String LIST_PAGE = Sql.of(PaymentLinkStore.class, "listPage");
    private static final String MARK_ATTEMPT_STARTED = Sql.of(PaymentLinkStore.class, "markAttemptStarted");
    private static final String MARK_ATTEMPT_DECLINED = Sql.of(PaymentLinkStore.class, "markAttemptDeclined");
    private static final String MARK_COMPLETED = Sql.of(PaymentLinkStore.class, "markCompleted");
    private static final String MARK_CANCELED = Sql.of(PaymentLinkStore.class, "markCanceled");
    private static final String MARK_EXPIRED = Sql.of(PaymentLinkStore.class, "markExpired");
    private static final String MARK_RELEASE_DUE = Sql.of(PaymentLinkStore.class, "markReleaseDue");
    private static final String MARK_RELEASED = Sql.of(PaymentLinkStore.class, "markReleased");
    private static final String CLAIM_DUE_TO_EXPIRE = Sql.of(PaymentLinkStore.class, "claimDueToExpire");
    private static final String CLAIM_DUE_TO_RELEASE = Sql.of(PaymentLinkStore.class, "claimDueToRelease");
    private static final String MARK_RELEASE_RETRY = Sql.of(PaymentLinkStore.class, "markReleaseRetry");

    private final Handle h;

    public PaymentLinkStore(Handle h) {
        this.h = h;
    }

    public void insert(PaymentLink link) {
        h.createUpdate(INSERT)
                .bind("id", link.id()).bind("merchantId", link.merchantId()).bind("status", link.status())
                .bind("paymentId", link.paymentId()).bind("amount", link.amount()).bind("currency", link.currency())
                .bind("reference", link.reference()).bind("description", link.description())
                .bind("customer", link.customer()).bind("backToShopUrl", link.backToShopUrl())
                .bind("capture", link.capture()).bind("metadata", link.metadata())
                .bind("frameAncestors", link.frameAncestors()).bind("createdOn", link.createdOn())
                .bind("expiresOn", link.expiresOn())
                .execute();
    }

    public Optional<PaymentLink> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(PaymentLinkStore::link).findOne();
    }

    public Optional<PaymentLink> findForUpdate(String merchantId, String id) {
        return h.createQuery(FIND_FOR_UPDATE).bind("merchantId", merchantId).bind("id", id)
                .map(PaymentLinkStore::link).findOne();
    }

    public Optional<PaymentLink> findByPaymentForUpdate(String merchantId, String paymentId) {
        return h.createQuery(FIND_BY_PAYMENT_FOR_UPDATE).bind("merchantId", merchantId).bind("paymentId", paymentId)
                .map(PaymentLinkStore::link).findOne();
    }

    public List<PaymentLink> listPage(String merchantId, Instant afterCreatedOn, String afterId, int limit) {
        return h.createQuery(LIST_PAGE).bind("merchantId", merchantId).bind("afterCreatedOn", afterCreatedOn)
                .bind("afterId", afterId).bind("limit", limit).map(PaymentLinkStore::link).list();
    }

    public int markAttemptStarted(String merchantId, String id, int version, Instant now) {
        return mark(MARK_ATTEMPT_STARTED, merchantId, id, version).bind("now", now).execute();
    }

    /** The declined payment id is spent: the next attempt uses {@code paymentId}. */
    public int markAttemptDeclined(String merchantId, String id, int version, String paymentId) {
        return mark(MARK_ATTEMPT_DECLINED, merchantId, id, version).bind("paymentId", paymentId).execute();
    }

    public int markCompleted(String merchantId, String id, int version, Instant now) {
        return mark(MARK_COMPLETED, merchantId, id, version).bind("now", now).execute();
    }

    public int markCanceled(String merchantId, String id, int version, Instant now) {
        return mark(MARK_CANCELED, merchantId, id, version).bind("now", now).execute();
    }

    public int markExpired(String merchantId, String id, int version, Instant now) {
        return mark(MARK_EXPIRED, merchantId, id, version).bind("now", now).execute();
    }

    public int markReleaseDue(String merchantId, String id, int version, Instant now) {
        return mark(MARK_RELEASE_DUE, merchantId, id, version).bind("now", now).execute();
    }

    public int markReleased(String merchantId, String id, int version, Instant now) {
        return mark(MARK_RELEASED, merchantId, id, version).bind("now", now).execute();
    }

    /** Active links past their expiry, locked with SKIP LOCKED so several nodes share the work. */
    public List<PaymentLink> claimDueToExpire(Instant now, int limit) {
        return h.createQuery(CLAIM_DUE_TO_EXPIRE).bind("now", now).bind("limit", limit).map(PaymentLinkStore::link).list();
    }

    /** Links whose late authorization still waits to be voided, locked with SKIP LOCKED. */
    public List<PaymentLink> claimDueToRelease(Instant now, int limit) {
        return h.createQuery(CLAIM_DUE_TO_RELEASE).bind("now", now).bind("limit", limit).map(PaymentLinkStore::link).list();
    }

    /** The release was refused: it waits ({@link ReleaseBackoff}); when it is tried again, or empty on a stale version. */
    public Optional<Instant> markReleaseRetry(String merchantId, String id, int version, Instant now) {
        return ReleaseBackoff.bindTo(h.createQuery(MARK_RELEASE_RETRY)).bind("merchantId", merchantId).bind("id", id)
                .bind("version", version).bind("now", now)
                .map((rs, ctx) -> Columns.instant(rs, "release_due_on")).findOne();
    }

    /** A version-guarded write of one link, its own parameters still to bind. */
    private Update mark(String sql, String merchantId, String id, int version) {
        return h.createUpdate(sql).bind("merchantId", merchantId).bind("id", id).bind("version", version);
    }

    private static PaymentLink link(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PaymentLink(rs.getString("id"), rs.getString("merchant_id"), rs.getInt("version"),
                rs.getString("status"), rs.getString("payment_id"), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("reference"), rs.getString("description"), rs.getString("customer"),
                rs.getString("back_to_shop_url"), rs.getBoolean("capture"), rs.getString("metadata"),
                rs.getString("frame_ancestors"), rs.getInt("attempts"), Columns.instant(rs, "attempt_started_on"),
                Columns.instant(rs, "release_due_on"), Columns.instant(rs, "released_on"),
                Columns.instant(rs, "created_on"), Columns.instant(rs, "expires_on"),
                Columns.instant(rs, "completed_on"), Columns.instant(rs, "canceled_on"),
                Columns.instant(rs, "expired_on"));
    }
}
