package dev.till.core.ledger;

import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.ledger.Account;
import dev.till.domain.ledger.EntryType;
import dev.till.domain.ledger.JournalEntry;
import dev.till.domain.ledger.Line;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts journal entries inside the caller's transaction, so an entry commits if and only if the
 * change that caused it does. The entry balances per currency (checked here and again by the
 * database at commit).
 * <p>
 * A posting only appends lines: it locks no balance row, so one merchant's captures run side by
 * side. A debit of a merchant balance (pending, available, reserved) takes the merchant's lock for
 * that currency and then checks the balance, its own lines included, is not below zero; those
 * debits (refunds, payouts, settlement) run one after another. {@link #foldOnce} moves committed
 * lines into {@code ledger_accounts} in the background. Thread-safe.
 */
public final class Ledger {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
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
        return post(tx, entry, null);
    }

    /**
     * Posts the entry and, in the same statement, schedules {@code settles} (funds the entry put in
     * pending, to move to available on its date); null schedules nothing.
     */
    public String post(Handle tx, JournalEntry entry, Settlement settles) {
        return postAll(tx, List.of(new Posting(entry, settles))).getFirst();
    }

    /** An entry to post and the settlement it schedules, or null. */
    public record Posting(JournalEntry entry, Settlement settles) {
        public Posting {
            if (settles != null && !(settles.merchantId().equals(entry.merchantId()) && settles.sourceId().equals(entry.sourceId()))) {
                // The statement takes both from the entry.
                throw new IllegalArgumentException("a settlement is scheduled for its own entry's merchant and source");
            }
        }
    }

    /**
     * Posts several entries (a group of concurrent requests' captures or refunds) in one statement, and returns
     * their ids in order. The balance checks run once all are written, so each sees the others'
     * lines: together they must leave no merchant balance below zero, or none is posted (the
     * caller's transaction rolls back).
     */
    public List<String> postAll(Handle tx, List<Posting> postings) {
        LedgerStore store = new LedgerStore(tx);
        List<String> entryIds = new ArrayList<>(postings.size());
        List<JournalEntry> entries = new ArrayList<>(postings.size());
        List<Settlement> settlements = new ArrayList<>(postings.size());
        // Accounts these entries take money out of, that must never go below zero (sorted: a stable lock order).
        Map<MerchantCurrency, Map<Account, Long>> debited = new TreeMap<>(
                Comparator.comparing(MerchantCurrency::merchantId).thenComparing(MerchantCurrency::currency));
        Map<MerchantCurrency, EntryType> debitedBy = new HashMap<>();
        for (Posting p : postings) {
            entryIds.add(ids.next("btx_"));
            entries.add(p.entry());
            settlements.add(p.settles());
            for (Line l : p.entry().lines()) {
                if (!l.account().mustStayNonNegative()) continue;
                MerchantCurrency pair = new MerchantCurrency(p.entry().merchantId(), l.currency().code());
                debited.computeIfAbsent(pair, c -> new EnumMap<>(Account.class)).merge(l.account(), l.signed(), Long::sum);
                if (l.signed() < 0) debitedBy.putIfAbsent(pair, p.entry().type());
            }
        }
        store.insertEntries(entryIds, entries, settlements, clock.instant());
        debited.forEach((pair, deltas) -> {
            if (deltas.values().stream().noneMatch(d -> d < 0)) return;
            store.lockBalances(pair.lockId());
            deltas.forEach((account, delta) -> {
                if (delta < 0 && store.balance(pair.merchantId(), account.dbName(), pair.currency()) < 0) {
                    throw insufficientBalance(account, pair.currency(), debitedBy.get(pair)).toException();
                }
            });
        });
        return entryIds;
    }

    /** The refusal of an entry that would take {@code account} below zero (also asked before a refund). */
    static Problem insufficientBalance(Account account, String currency, EntryType type) {
        return Problem.invalid("insufficient_balance", null, "The " + account.dbName().replace("merchant_", "")
                + " " + currency + " balance is too low for this " + type.dbName().replace('_', ' ') + ".");
    }

    /** Takes the merchant's lock for one currency until commit, before reading a balance to debit from it. */
    public void lock(Handle tx, String merchantId, String currency) {
        new LedgerStore(tx).lockBalances(new MerchantCurrency(merchantId, currency).lockId());
    }

    /** One balance now, read inside the caller's transaction. */
    public long balance(Handle tx, String merchantId, Account account, String currency) {
        return new LedgerStore(tx).balance(merchantId, account.dbName(), currency);
    }

    /**
     * The fold job's round (returns the pairs folded): for up to 50 merchant-currency pairs, moves their committed lines into
     * the account balances; folding never changes a balance as read by {@link #balance}. The fold
     * takes its turn at each pair's lock behind the debits queued for it, the whole round waiting
     * at most {@code wait} (the jobs share one thread); a pair still locked then is left for the
     * next round. It must wait its turn: a try would lose every time while debits queue back to
     * back, and every debit sums the lines not folded yet, so each would hold the lock longer than
     * the last (docs/hot-path.md, session 19).
     */
    public int foldOnce(Jdbi jdbi, Duration wait) {
        List<MerchantCurrency> pairs = jdbi.withHandle(h -> new LedgerStore(h).unfoldedPairs(50));
        long deadline = System.nanoTime() + wait.toNanos(); // wall time, whatever the gateway's clock says
        int folded = 0;
        for (MerchantCurrency pair : pairs) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.toMillis() < 1) break;
            try {
                folded += jdbi.inTransaction(tx -> {
                    LedgerStore store = new LedgerStore(tx);
                    store.lockBalancesWithin(pair.lockId(), left);
                    store.foldPair(pair.merchantId(), pair.currency());
                    return 1;
                });
            } catch (JdbiException e) {
                if (!LedgerStore.lockWaitEnded(e)) throw e;
                log.debug("ledger fold: {} {} still locked after the round's wait; left for the next round", pair.merchantId(),
                        pair.currency());
            }
        }
        return folded;
    }
}
