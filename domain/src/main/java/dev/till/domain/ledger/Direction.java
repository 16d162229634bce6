package dev.till.domain.ledger;

public enum Direction {
    DEBIT, CREDIT;

    /** The change a line makes to a credit-normal balance. */
    public long signed(long amount) {
        return this == CREDIT ? amount : -amount;
    }

    public String dbName() {
        return name().toLowerCase();
    }
}
