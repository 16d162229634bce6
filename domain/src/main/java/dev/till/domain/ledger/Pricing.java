package dev.till.domain.ledger;

/**
 * What a merchant pays: a percentage in basis points plus a fixed amount in the currency's minor
 * units, per capture and per payout. Percentages round half up to the minor unit, and a fee
 * never exceeds the amount it is taken from.
 */
public record Pricing(int captureFeeBps, long captureFeeFixed, int payoutFeeBps, long payoutFeeFixed) {
    public static final Pricing DEFAULT = new Pricing(290, 30, 0, 100);

    public Pricing {
        if (captureFeeBps < 0 || captureFeeBps > 10_000 || payoutFeeBps < 0 || payoutFeeBps > 10_000
                || captureFeeFixed < 0 || payoutFeeFixed < 0) {
            throw new IllegalArgumentException("pricing out of range");
        }
    }

    public long captureFee(long amount) {
        return Math.min(amount, percent(amount, captureFeeBps) + captureFeeFixed);
    }

    public long payoutFee(long amount) {
        return percent(amount, payoutFeeBps) + payoutFeeFixed;
    }

    /** amount × bps / 10 000, rounded half up; exact in long arithmetic for any amount up to {@link dev.till.domain.Money#MAX_MINOR}. */
    static long percent(long amount, int bps) {
        return Math.addExact(Math.multiplyExact(amount, (long) bps), 5_000L) / 10_000L;
    }
}
