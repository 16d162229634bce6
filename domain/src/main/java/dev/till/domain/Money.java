package dev.till.domain;

/**
 * An amount in the currency's minor unit (cents, yen, fils). Never a floating-point number:
 * every sum, split and comparison on money stays exact.
 */
public record Money(long minor, CurrencyCode currency) {
    /**
     * The largest amount Till accepts wherever one enters (payments, captures, refunds, orders,
     * payment links, quotes, test credits), in minor units: a billion dollars in cents. Far above
     * any card payment, and far enough below {@code Long.MAX_VALUE} that fees (amount times basis
     * points) and balances stay exact in long arithmetic. Checked before any connector call, so
     * the ledger never meets an amount it cannot post after the network has moved the money.
     */
    public static final long MAX_MINOR = 100_000_000_000L;

    public Money {
        if (currency == null) throw new IllegalArgumentException("currency is required");
    }

    public static Money of(long minor, String currency) {
        return new Money(minor, CurrencyCode.of(currency));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public boolean exceeds(Money other) {
        requireSameCurrency(other);
        return minor > other.minor;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return currency.format(minor);
    }
}
