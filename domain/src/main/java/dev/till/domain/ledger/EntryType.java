package dev.till.domain.ledger;

/** What caused a journal entry; the filter of {@code GET /balance-transactions?type=}. */
public enum EntryType {
    CAPTURE, REFUND, SETTLEMENT, CHARGEBACK, PAYOUT_RESERVE, PAYOUT_SETTLE, PAYOUT_RELEASE, PAYOUT_RETURN, TEST_FUNDING;

    public String dbName() {
        return name().toLowerCase();
    }

    public static java.util.Optional<EntryType> parse(String text) {
        for (EntryType t : values()) if (t.dbName().equals(text)) return java.util.Optional.of(t);
        return java.util.Optional.empty();
    }
}
