package dev.till.http.payouts;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.till.core.fx.Quote;
import dev.till.core.payouts.Payout;

/** Native wire shapes (snake_case) of quotes and payouts. Rates are decimal strings: exact, never floats. */
public final class PayoutJson {
    private PayoutJson() {}

    public record QuoteRequest(String currency, String country, String sourceCurrency, Long sourceAmount, Long targetAmount) {}

    public record QuoteResponse(String id, String sourceCurrency, long sourceAmount, String currency, long targetAmount,
                                String country, String rate, long fee, String createdOn, String expiresOn) {
        public static QuoteResponse of(Quote q) {
            return new QuoteResponse(q.id(), q.sourceCurrency(), q.sourceAmount(), q.targetCurrency(), q.targetAmount(),
                    q.country(), q.rate().stripTrailingZeros().toPlainString(), q.fee(), q.createdOn().toString(),
                    q.expiresOn().toString());
        }
    }

    public record Beneficiary(String name, String iban, String accountNumber, String bankCode, String country) {
        dev.till.processor.payouts.Beneficiary toDomain() {
            return new dev.till.processor.payouts.Beneficiary(name, iban, accountNumber, bankCode, country);
        }
    }

    public record PayoutRequest(String externalRef, String quoteId, Beneficiary beneficiary, String reference) {}

    public record PayoutResponse(String id, String externalRef, String quoteId, String status, String sourceCurrency,
                                 long sourceAmount, long fee, String targetCurrency, long targetAmount, String rate,
                                 @JsonRawValue String beneficiary, String reference, String failureCode, String createdOn,
                                 String updatedOn) {
        public static PayoutResponse of(Payout p) {
            return new PayoutResponse(p.id(), p.externalRef(), p.quoteId(), p.status(), p.sourceCurrency(), p.sourceAmount(),
                    p.fee(), p.targetCurrency(), p.targetAmount(), p.rate().stripTrailingZeros().toPlainString(),
                    p.beneficiary(), p.reference(), p.failureCode(), p.createdOn().toString(), p.updatedOn().toString());
        }
    }
}
