package dev.till.core.payouts;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money sent from a merchant's available balance to a beneficiary's bank. {@code beneficiary} is
 * JSON text. Status runs created → processing → completed | failed | returned.
 */
public record Payout(String id, String merchantId, String externalRef, String quoteId, String status,
                     String sourceCurrency, long sourceAmount, long fee, String targetCurrency, long targetAmount,
                     BigDecimal rate, String beneficiary, String reference, String failureCode, Instant nextStepOn,
                     Instant createdOn, Instant updatedOn, int version) {

    /** What leaves the merchant's balance: the converted amount plus the fee. */
    public long totalDebit() {
        return Math.addExact(sourceAmount, fee);
    }
}
