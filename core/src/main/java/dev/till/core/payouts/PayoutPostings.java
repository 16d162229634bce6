package dev.till.core.payouts;

import static dev.till.domain.ledger.Account.*;

import dev.till.core.ledger.Ledger;
import dev.till.domain.CurrencyCode;
import dev.till.domain.ledger.EntryType;
import dev.till.domain.ledger.JournalEntry;
import org.jdbi.v3.core.Handle;

/**
 * The ledger side of payouts: reserve the amount and fee when the payout is created, then settle
 * it when the bank completes, release it when the bank fails it, or settle then return it.
 * Thread-safe.
 */
final class PayoutPostings {
    private final Ledger ledger;

    PayoutPostings(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Available → reserved; 422 {@code insufficient_balance} when the merchant holds too little. */
    void reserve(Handle tx, Payout p) {
        post(tx, entry(p, EntryType.PAYOUT_RESERVE).move(MERCHANT_AVAILABLE, MERCHANT_RESERVED, currency(p), p.totalDebit()));
    }

    /** Reserved → out to the bank (payout clearing), and the fee to Till. */
    void settle(Handle tx, Payout p) {
        post(tx, entry(p, EntryType.PAYOUT_SETTLE).debit(MERCHANT_RESERVED, currency(p), p.totalDebit())
                .credit(PAYOUT_CLEARING, currency(p), p.sourceAmount()).credit(FEES, currency(p), p.fee()));
    }

    /** Reserved → back to available, fee included: nothing left Till. */
    void release(Handle tx, Payout p) {
        post(tx, entry(p, EntryType.PAYOUT_RELEASE).move(MERCHANT_RESERVED, MERCHANT_AVAILABLE, currency(p), p.totalDebit()));
    }

    /** The bank sent the money back: payout clearing → available. The fee is kept (the transfer happened). */
    void returned(Handle tx, Payout p) {
        post(tx, entry(p, EntryType.PAYOUT_RETURN).move(PAYOUT_CLEARING, MERCHANT_AVAILABLE, currency(p), p.sourceAmount()));
    }

    private void post(Handle tx, JournalEntry.Builder entry) {
        ledger.post(tx, entry.build());
    }

    private static JournalEntry.Builder entry(Payout p, EntryType type) {
        return JournalEntry.of(p.merchantId(), type, p.id()).description(p.externalRef());
    }

    private static CurrencyCode currency(Payout p) {
        return CurrencyCode.of(p.sourceCurrency());
    }
}
