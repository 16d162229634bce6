package dev.till.core.payouts;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** What a payout event carries (snake_case on the wire): the payout as the native API shows it. */
public record PayoutSnapshot(String id, String externalRef, String quoteId, String status, String sourceCurrency,
                             long sourceAmount, long fee, String targetCurrency, long targetAmount, String rate,
                             @JsonRawValue String beneficiary, String reference, String failureCode, String createdOn,
                             String updatedOn) {
    public static PayoutSnapshot of(Payout p) {
        return new PayoutSnapshot(p.id(), p.externalRef(), p.quoteId(), p.status(), p.sourceCurrency(), p.sourceAmount(),
                p.fee(), p.targetCurrency(), p.targetAmount(), p.rate().stripTrailingZeros().toPlainString(), p.beneficiary(),
                p.reference(), p.failureCode(), p.createdOn().toString(), p.updatedOn().toString());
    }
}
