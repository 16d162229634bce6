package dev.till.core.payouts;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Payouts, written with version guards. The beneficiary is JSON text: written through
 * {@code CAST(... AS jsonb)} and read back as {@code beneficiary::text}. Lives as long as its handle.
 */
public final class PayoutStore {
    private static final String INSERT = Sql.of(PayoutStore.class, "insert");
    private static final String FIND = Sql.of(PayoutStore.class, "find");
    private static final String FIND_BY_EXTERNAL_REF = Sql.of(PayoutStore.class, "findByExternalRef");
    private static final String CLAIM_DUE = Sql.of(PayoutStore.class, "claimDue");
    private static final String MARK_PROCESSING = Sql.of(PayoutStore.class, "markProcessing");
    private static final String MARK_FINISHED = Sql.of(PayoutStore.class, "markFinished");
    private static final String LOCK_MERCHANT = Sql.of(PayoutStore.class, "lockMerchant");

    private final Handle h;

    public PayoutStore(Handle h) {
        this.h = h;
    }

    /** Returns 0 when the merchant already has a payout with this external reference. */
    public int insert(String id, String merchantId, String externalRef, String quoteId, String sourceCurrency, long sourceAmount,
                      long fee, String targetCurrency, long targetAmount, BigDecimal rate, String beneficiary,
                      String reference, Instant now) {
        return h.createUpdate(INSERT).bind("id", id).bind("merchantId", merchantId).bind("externalRef", externalRef)
                .bind("quoteId", quoteId).bind("sourceCurrency", sourceCurrency).bind("sourceAmount", sourceAmount)
                .bind("fee", fee).bind("targetCurrency", targetCurrency).bind("targetAmount", targetAmount)
                .bind("rate", rate).bind("beneficiary", beneficiary).bind("reference", reference).bind("now", now)
                .execute();
    }

    public Optional<Payout> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(PayoutStore::payout).findOne();
    }

    public Optional<Payout> findByExternalRef(String merchantId, String externalRef) {
        return h.createQuery(FIND_BY_EXTERNAL_REF).bind("merchantId", merchantId).bind("externalRef", externalRef)
                .map(PayoutStore::payout).findOne();
    }

    public List<Payout> claimDue(Instant now, int limit) {
        return h.createQuery(CLAIM_DUE).bind("now", now).bind("limit", limit).map(PayoutStore::payout).list();
    }

    public int markProcessing(String merchantId, String id, int expectedVersion, Instant nextStepOn, Instant now) {
        return h.createUpdate(MARK_PROCESSING).bind("merchantId", merchantId).bind("id", id)
                .bind("expectedVersion", expectedVersion).bind("nextStepOn", nextStepOn).bind("now", now).execute();
    }

    public int markFinished(String merchantId, String id, int expectedVersion, String status, String failureCode, Instant now) {
        return h.createUpdate(MARK_FINISHED).bind("merchantId", merchantId).bind("id", id)
                .bind("expectedVersion", expectedVersion).bind("status", status).bind("failureCode", failureCode)
                .bind("now", now).execute();
    }

    public int lockMerchant(long lockId) {
        return h.createQuery(LOCK_MERCHANT).bind("lockId", lockId).mapTo(Integer.class).one();
    }

    private static Payout payout(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Payout(rs.getString("id"), rs.getString("merchant_id"), rs.getString("external_ref"),
                rs.getString("quote_id"), rs.getString("status"), rs.getString("source_currency"),
                rs.getLong("source_amount"), rs.getLong("fee"), rs.getString("target_currency"), rs.getLong("target_amount"),
                rs.getBigDecimal("rate"), rs.getString("beneficiary"), rs.getString("reference"),
                rs.getString("failure_code"), Columns.instant(rs, "next_step_on"), Columns.instant(rs, "created_on"),
                Columns.instant(rs, "updated_on"), rs.getInt("version"));
    }
}
