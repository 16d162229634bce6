package dev.till.core.ledger;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Captured funds scheduled to move from pending to available; they are scheduled with their capture's
 * entry ({@code Ledger.post}). Lives as long as its handle.
 */
public final class SettlementStore {
    private static final String UNSETTLED_FOR_SOURCE = Sql.of(SettlementStore.class, "unsettledForSource");
    private static final String REDUCE = Sql.of(SettlementStore.class, "reduce");
    private static final String CLAIM_DUE = Sql.of(SettlementStore.class, "claimDue");
    private static final String MARK_SETTLED = Sql.of(SettlementStore.class, "markSettled");

    private final Handle h;

    public SettlementStore(Handle h) {
        this.h = h;
    }

    /** Locks the source's unsettled rows: a refund and the settlement job cannot both take them. */
    public List<Settlement> unsettledForSource(String merchantId, String sourceId, String currency) {
        return h.createQuery(UNSETTLED_FOR_SOURCE).bind("merchantId", merchantId).bind("sourceId", sourceId)
                .bind("currency", currency).map(SettlementStore::settlement).list();
    }

    public int reduce(String merchantId, String id, long by) {
        return h.createUpdate(REDUCE).bind("merchantId", merchantId).bind("id", id).bind("by", by).execute();
    }

    public List<Settlement> claimDue(Instant now, int limit) {
        return h.createQuery(CLAIM_DUE).bind("now", now).bind("limit", limit).map(SettlementStore::settlement).list();
    }

    public int markSettled(String merchantId, String id, Instant now) {
        return h.createUpdate(MARK_SETTLED).bind("merchantId", merchantId).bind("id", id).bind("now", now).execute();
    }

    private static Settlement settlement(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Settlement(rs.getString("id"), rs.getString("merchant_id"), rs.getString("source_id"),
                rs.getString("currency"), rs.getLong("amount"), Columns.instant(rs, "settle_on"));
    }
}
