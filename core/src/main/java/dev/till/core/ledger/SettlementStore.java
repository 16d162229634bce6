package dev.till.core.ledger;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Captured funds scheduled to move from pending to available; they are scheduled with their capture's
 * entry ({@code Ledger.post}). Lives as long as its handle.
 */
public final class SettlementStore {
    private static final String UNSETTLED_FOR_SOURCES = Sql.of(SettlementStore.class, "unsettledForSources");
    private static final String REDUCE_ALL = Sql.of(SettlementStore.class, "reduceAll");
    private static final String CLAIM_DUE = Sql.of(SettlementStore.class, "claimDue");
    private static final String MARK_SETTLED = Sql.of(SettlementStore.class, "markSettled");

    private final Handle h;

    public SettlementStore(Handle h) {
        this.h = h;
    }

    /**
     * Locks the sources' unsettled rows, in one statement: a refund and the settlement job cannot
     * both take them. Returns them by source, each source's in the order they settle.
     */
    public Map<SourceCurrency, List<Settlement>> unsettledFor(List<SourceCurrency> sources) {
        Map<SourceCurrency, List<Settlement>> bySource = new HashMap<>();
        h.createQuery(UNSETTLED_FOR_SOURCES)
                .bindByType("merchantIds", column(sources, SourceCurrency::merchantId), SqlArrays.TEXT)
                .bindByType("sourceIds", column(sources, SourceCurrency::sourceId), SqlArrays.TEXT)
                .bindByType("currencies", column(sources, SourceCurrency::currency), SqlArrays.TEXT)
                .map(SettlementStore::settlement)
                .forEach(s -> bySource.computeIfAbsent(new SourceCurrency(s.merchantId(), s.sourceId(), s.currency()),
                        k -> new ArrayList<>()).add(s));
        return bySource;
    }

    /** What a refund or chargeback takes from a settlement before it settles. */
    public record Reduction(Settlement settlement, long by) {}

    /** Shrinks the settlements, in one statement; the caller holds their rows ({@link #unsettledFor}). */
    public void reduceAll(List<Reduction> reductions) {
        if (reductions.isEmpty()) return;
        h.createUpdate(REDUCE_ALL)
                .bindByType("merchantIds", column(reductions, r -> r.settlement().merchantId()), SqlArrays.TEXT)
                .bindByType("ids", column(reductions, r -> r.settlement().id()), SqlArrays.TEXT)
                .bindByType("bys", column(reductions, Reduction::by), SqlArrays.BIGINT)
                .execute();
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
