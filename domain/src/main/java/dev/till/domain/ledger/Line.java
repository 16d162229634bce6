package dev.till.domain.ledger;

import dev.till.domain.CurrencyCode;

/** One side of a journal entry: a positive amount debited or credited to one account. */
public record Line(Account account, Direction direction, CurrencyCode currency, long amount) {
    public Line {
        if (amount <= 0) throw new IllegalArgumentException("a ledger line moves a positive amount, not " + amount);
    }

    public static Line debit(Account account, CurrencyCode currency, long amount) {
        return new Line(account, Direction.DEBIT, currency, amount);
    }

    public static Line credit(Account account, CurrencyCode currency, long amount) {
        return new Line(account, Direction.CREDIT, currency, amount);
    }

    public long signed() {
        return direction.signed(amount);
    }
}
