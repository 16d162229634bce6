package dev.till.core.ledger;

import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.ledger.Account;
import dev.till.domain.ledger.JournalEntry;
import dev.till.domain.ledger.Line;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Posts journal entries inside the caller's transaction, so an entry commits if and only if the
 * change that caused it does. The entry balances per currency (checked here and again by the
 * database at commit); the merchant's own balances never go below zero (a guarded update, which
 * also row-locks the balance so concurrent postings apply one after another). Thread-safe.
 */
public final class Ledger {
    /** Balances are locked in this order by every posting, so two postings never deadlock. */
    private static final Comparator<Key> LOCK_ORDER = Comparator.comparing(Key::account).thenComparing(Key::currency);

    private record Key(String account, String currency) {}

    private final Ids ids;
    private final Clock clock;

    public Ledger(Ids ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Returns the entry's id ({@code btx_…}). Throws 422 {@code insufficient_balance} when a
     * merchant balance would go negative; the caller's transaction then rolls back whole.
     */
    public String post(Handle tx, JournalEntry entry) {
        LedgerStore store = tx.attach(LedgerStore.class);
        String id = ids.next("btx_");
        String m = entry.merchantId();
        store.insertEntry(id, m, entry.type().dbName(), entry.sourceId(), entry.actionId(), entry.description(), clock.instant());
        Map<Key, Long> deltas = new TreeMap<>(LOCK_ORDER);
        int lineNo = 0;
        for (Line l : entry.lines()) {
            store.insertLine(id, ++lineNo, m, l.account().dbName(), l.currency().code(), l.direction().dbName(), l.amount());
            deltas.merge(new Key(l.account().dbName(), l.currency().code()), l.signed(), Math::addExact);
        }
        deltas.forEach((key, delta) -> {
            store.openAccount(m, key.account(), key.currency());
            boolean guarded = Account.fromDb(key.account()).mustStayNonNegative();
            if (store.applyDelta(m, key.account(), key.currency(), delta, guarded) == 0) {
                throw Problem.invalid("insufficient_balance", null, "The " + key.account().replace("merchant_", "")
                        + " " + key.currency() + " balance is too low for this " + entry.type().dbName().replace('_', ' ') + ".").toException();
            }
        });
        return id;
    }

    /** One balance now, read inside the caller's transaction. */
    public long balance(Handle tx, String merchantId, Account account, String currency) {
        return tx.attach(LedgerStore.class).balance(merchantId, account.dbName(), currency).orElse(0L);
    }
}
