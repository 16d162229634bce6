package dev.till.core.ledger;

import static dev.till.domain.ledger.Account.MERCHANT_AVAILABLE;
import static dev.till.domain.ledger.Account.MERCHANT_PENDING;

import dev.till.domain.CurrencyCode;
import dev.till.domain.ledger.EntryType;
import dev.till.domain.ledger.JournalEntry;
import java.time.Clock;
import java.util.Comparator;
import org.jdbi.v3.core.Jdbi;

/**
 * The settlement job: moves captured funds from pending to available once their delay has passed.
 * Claims due rows with {@code FOR UPDATE SKIP LOCKED}, so several nodes can run it at once; each
 * batch commits its postings and its "settled" marks together. Thread-safe.
 */
public final class SettlePending {
    private static final int BATCH = 100;

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final Clock clock;

    public SettlePending(Jdbi jdbi, Ledger ledger, Clock clock) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.clock = clock;
    }

    public int runOnce() {
        return jdbi.inTransaction(tx -> {
            SettlementStore store = new SettlementStore(tx);
            // By merchant and currency, the order every other taker of several balance locks uses
            // (Ledger.postAll, PaymentPostings.coverRefunds), so none of them waits on the other.
            var due = store.claimDue(clock.instant(), BATCH).stream()
                    .sorted(Comparator.comparing(Settlement::merchantId).thenComparing(Settlement::currency)
                            .thenComparing(Settlement::id)).toList();
            for (Settlement s : due) {
                if (s.amount() > 0) {
                    ledger.post(tx, JournalEntry.of(s.merchantId(), EntryType.SETTLEMENT, s.sourceId())
                            .move(MERCHANT_PENDING, MERCHANT_AVAILABLE, CurrencyCode.of(s.currency()), s.amount())
                            .description("Settlement").build());
                }
                store.markSettled(s.merchantId(), s.id(), clock.instant());
            }
            return due.size();
        });
    }
}
