package dev.till.http.dialects.payouts;

import dev.till.core.fx.Quote;
import dev.till.core.payouts.Payout;
import dev.till.core.payouts.PayoutResult;
import dev.till.domain.Problem;
import dev.till.http.ApiErrors;
import java.util.List;

/** Seed 003's shapes (camelCase): PaymentQuote, Payment and CreatePaymentsRequest. */
final class PaymentsApiJson {
    private PaymentsApiJson() {}

    record QuoteRequest(String currency, String country, String sourceCurrency, Long sourceAmount, Long targetAmount) {}

    record PaymentQuote(String id, String currency, String country, String sourceCurrency, long sourceAmount,
                        long targetAmount, String rate, long fee, String createdAt, String expiresAt) {
        static PaymentQuote of(Quote q) {
            return new PaymentQuote(q.id(), q.targetCurrency(), q.country(), q.sourceCurrency(), q.sourceAmount(),
                    q.targetAmount(), q.rate().stripTrailingZeros().toPlainString(), q.fee(), q.createdOn().toString(),
                    q.expiresOn().toString());
        }
    }

    record Beneficiary(String name, String iban, String accountNumber, String bankCode, String country) {
        dev.till.processor.payouts.Beneficiary toDomain() {
            return new dev.till.processor.payouts.Beneficiary(name, iban, accountNumber, bankCode, country);
        }
    }

    /** One element of CreatePaymentsRequest. */
    record PaymentRequest(String quoteId, String externalRef, Beneficiary beneficiary, String reference) {}

    /** The beneficiary is stored snake_case; this dialect shows it camelCase. */
    record BeneficiaryOut(String name, String iban, String accountNumber, String bankCode, String country) {}

    record Payment(String id, String externalRef, String quoteId, String status, String sourceCurrency, long sourceAmount,
                   long fee, String currency, long targetAmount, String rate, BeneficiaryOut beneficiary, String reference,
                   String failureCode, String createdAt, String updatedAt) {
        static Payment of(Payout p, dev.till.processor.payouts.Beneficiary b) {
            return new Payment(p.id(), p.externalRef(), p.quoteId(), p.status(), p.sourceCurrency(), p.sourceAmount(), p.fee(),
                    p.targetCurrency(), p.targetAmount(), p.rate().stripTrailingZeros().toPlainString(),
                    new BeneficiaryOut(b.name(), b.iban(), b.accountNumber(), b.bankCode(), b.country()), p.reference(),
                    p.failureCode(), p.createdOn().toString(), p.updatedOn().toString());
        }
    }

    record ItemError(String errorType, List<String> errorCodes, String message, String param) {
        static ItemError of(Problem p) {
            return new ItemError(ApiErrors.shape(p.kind()).errorType(), p.codes(), p.message(), p.param());
        }
    }

    /** One result per requested payment, in request order: {@code created}, {@code existing} or {@code rejected}. */
    record ItemResult(String externalRef, String result, Payment payment, ItemError error) {}

    record CreatePaymentsResponse(List<ItemResult> payments) {}

    static String resultName(PayoutResult r) {
        return switch (r) {
            case PayoutResult.Created c -> "created";
            case PayoutResult.Existing e -> "existing";
            case PayoutResult.Rejected x -> "rejected";
        };
    }

}
