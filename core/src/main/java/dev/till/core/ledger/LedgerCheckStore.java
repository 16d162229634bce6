package dev.till.core.ledger;

import dev.till.core.storage.Sql;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The invariant queries; each returns one human-readable line per violation. A null merchant checks all. */
public final class LedgerCheckStore {
    private static final String UNBALANCED_ENTRIES = Sql.of(LedgerCheckStore.class, "unbalancedEntries");
    private static final String NEGATIVE_BALANCES = Sql.of(LedgerCheckStore.class, "negativeBalances");
    private static final String DRIFTED_BALANCES = Sql.of(LedgerCheckStore.class, "driftedBalances");
    private static final String ENTRIES_WITHOUT_LINES = Sql.of(LedgerCheckStore.class, "entriesWithoutLines");

    private final Handle h;

    public LedgerCheckStore(Handle h) {
        this.h = h;
    }

    public List<String> unbalancedEntries(String merchantId) {
        return violations(UNBALANCED_ENTRIES, merchantId);
    }

    public List<String> negativeBalances(String merchantId) {
        return violations(NEGATIVE_BALANCES, merchantId);
    }

    public List<String> driftedBalances(String merchantId) {
        return violations(DRIFTED_BALANCES, merchantId);
    }

    public List<String> entriesWithoutLines(String merchantId) {
        return violations(ENTRIES_WITHOUT_LINES, merchantId);
    }

    private List<String> violations(String sql, String merchantId) {
        return h.createQuery(sql).bind("merchantId", merchantId).mapTo(String.class).list();
    }
}
