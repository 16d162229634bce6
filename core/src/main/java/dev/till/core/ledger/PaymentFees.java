package dev.till.core.ledger;

import java.math.BigInteger;

/** What the ledger holds for one payment so far: money captured and refunded, fees charged and returned. */
public record PaymentFees(long captured, long feesCharged, long refunded, long feesReturned) {

    /**
     * The share of the capture fees a refund gives back: pro rata to what has been refunded in all,
     * rounded down, so that the refund that brings the total to the captured amount returns exactly
     * the rest. A full refund thus takes back exactly what the merchant was credited.
     */
    public long feeReturnFor(long refund) {
        if (captured == 0) return 0;
        long refundedAfter = Math.min(captured, refunded + refund);
        long dueInAll = BigInteger.valueOf(feesCharged).multiply(BigInteger.valueOf(refundedAfter))
                .divide(BigInteger.valueOf(captured)).longValueExact(); // BigInteger: the product may pass 2^63
        return Math.max(0, dueInAll - feesReturned);
    }
}
