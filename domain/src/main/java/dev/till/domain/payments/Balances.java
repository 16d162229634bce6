package dev.till.domain.payments;

/**
 * A payment's money, in minor units. {@code released} is authorized money that will never be
 * captured: voided, expired, or let go by a final partial capture. The invariants below are also
 * CHECK constraints in the database, so a bug here cannot write broken money.
 */
public record Balances(long authorized, long captured, long refunded, long released) {

    public Balances {
        if (authorized < 0 || captured < 0 || refunded < 0 || released < 0) throw new IllegalStateException("negative balance");
        if (captured + released > authorized) throw new IllegalStateException("captured more than authorized");
        if (refunded > captured) throw new IllegalStateException("refunded more than captured");
    }

    public static final Balances NONE = new Balances(0, 0, 0, 0);

    public static Balances authorized(long amount) {
        return new Balances(amount, 0, 0, 0);
    }

    /** Authorized money not yet captured nor released. */
    public long uncaptured() {
        return authorized - captured - released;
    }

    public long refundable() {
        return captured - refunded;
    }

    Balances capture(long amount, boolean releaseRest) {
        long rest = uncaptured() - amount;
        return new Balances(authorized, captured + amount, refunded, releaseRest ? released + rest : released);
    }

    Balances release() {
        return new Balances(authorized, captured, refunded, released + uncaptured());
    }

    Balances refund(long amount) {
        return new Balances(authorized, captured, refunded + amount, released);
    }
}
