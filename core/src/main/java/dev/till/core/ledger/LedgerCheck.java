package dev.till.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Proves the ledger adds up: every entry balances per currency, no merchant balance is negative,
 * and every running balance equals the sum of its lines. Run by {@code ./till ledger check} and
 * by the tests after each flow. Reads in one repeatable-read snapshot so concurrent postings
 * cannot make it see half an entry. Thread-safe.
 */
public final class LedgerCheck {
    private final Jdbi jdbi;

    public LedgerCheck(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Violations, one line each; empty when everything balances. */
    public List<String> violations(Optional<String> merchantId) {
        String m = merchantId.orElse(null);
        return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, h -> {
            LedgerCheckStore s = new LedgerCheckStore(h);
            List<String> out = new ArrayList<>();
            out.addAll(s.unbalancedEntries(m));
            out.addAll(s.entriesWithoutLines(m));
            out.addAll(s.negativeBalances(m));
            out.addAll(s.driftedBalances(m));
            return out;
        });
    }
}
