package dev.till.core.ledger;

import static dev.till.domain.ledger.Account.MERCHANT_AVAILABLE;
import static dev.till.domain.ledger.Account.TEST_FUNDING;

import dev.till.domain.CurrencyCode;
import dev.till.domain.Ids;
import dev.till.domain.ledger.EntryType;
import dev.till.domain.ledger.JournalEntry;
import org.jdbi.v3.core.Handle;

/**
 * Test mode only: credits a merchant's available balance from the {@code test_funding} account,
 * so payouts can be tried without taking card payments first. Thread-safe.
 */
public final class TestFunding {
    private final Ledger ledger;
    private final Ids ids;

    public TestFunding(Ledger ledger, Ids ids) {
        this.ledger = ledger;
        this.ids = ids;
    }

    /** Returns the entry id; the source is a fresh {@code tfd_} id naming this credit. */
    public String credit(Handle tx, String merchantId, CurrencyCode currency, long amount) {
        return ledger.post(tx, JournalEntry.of(merchantId, EntryType.TEST_FUNDING, ids.next("tfd_"))
                .move(TEST_FUNDING, MERCHANT_AVAILABLE, currency, amount)
                .description("Test credit of " + currency.format(amount)).build());
    }
}
