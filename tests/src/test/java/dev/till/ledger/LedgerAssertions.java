package dev.till.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.ledger.LedgerCheck;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.util.Optional;

/** Shared checks: the invariant over the whole database, one balance read over HTTP, and who waits for a balance lock. */
public final class LedgerAssertions {
    private LedgerAssertions() {}

    /** The invariant holds with lines still unfolded, and again once the fold job has folded them. */
    public static void ledgerAddsUp(TillServer till) {
        LedgerCheck check = new LedgerCheck(till.gateway().services().jdbi());
        assertThat(check.violations(Optional.empty())).as("ledger invariant violations before folding").isEmpty();
        till.gateway().jobs().runNow("ledger-fold");
        assertThat(check.violations(Optional.empty())).as("ledger invariant violations after folding").isEmpty();
    }

    /** {pending, available, reserved} of one currency, zeros when the currency has no balance yet. */
    public static long[] balance(Api api, String currency) {
        Api.Reply r = api.get("/balances");
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode b : r.json().path("data")) {
            if (b.path("currency").asText().equals(currency)) {
                return new long[] {b.path("pending").asLong(), b.path("available").asLong(), b.path("reserved").asLong()};
            }
        }
        return new long[] {0, 0, 0};
    }

    /** Sessions of this server's database waiting for an advisory lock (a merchant's balance lock, in these tests) right now. */
    public static int waitingForAdvisoryLocks(TillServer till) {
        return till.gateway().services().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                .mapTo(Integer.class).one());
    }
}
