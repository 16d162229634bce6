package dev.till.http.payments;

import dev.till.core.payments.CustomerRef;
import dev.till.core.payments.PaymentRequest;
import dev.till.core.payments.PaymentSource;
import dev.till.core.vault.CardInput;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Validation;
import dev.till.http.Validate;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** Translates and validates Checkout.com's payment request into the use case's {@link PaymentRequest}. */
final class PaymentRequests {
    private static final Set<String> PAYMENT_TYPES = Set.of("Regular", "Recurring", "MOTO", "Installment", "Unscheduled");

    private PaymentRequests() {}

    static PaymentRequest translate(PaymentJson.Request r) {
        Validation v = new Validation();
        PaymentSource source = source(v, r.source());
        if (r.amount() == null) v.fail("amount_required", "amount", "amount is required (0 verifies the card).");
        else v.check(r.amount() >= 0, "amount_invalid", "amount", "amount must be zero or more, in minor units.");
        Validate.amountCeiling(v, r.amount(), "amount");
        Optional<CurrencyCode> currency = Optional.empty();
        if (r.currency() == null) v.fail("currency_required", "currency", "currency is required.");
        else {
            currency = CurrencyCode.parse(r.currency());
            v.check(currency.isPresent(), "currency_invalid", "currency", "currency must be an ISO 4217 code such as USD.");
        }
        if (currency.isPresent() && r.amount() != null) lastDigit(v, currency.get(), r.amount());
        if (r.reference() != null) v.check(r.reference().length() <= 80, "reference_invalid", "reference", "reference may be at most 80 characters.");
        if (r.description() != null) v.check(r.description().length() <= 100, "description_invalid", "description", "description may be at most 100 characters.");
        if (r.customer() != null && r.customer().email() != null) {
            v.check(Validate.email(r.customer().email()), "customer_email_invalid", "customer.email", "customer.email is not a valid address.");
        }
        url(v, r.successUrl(), "success_url");
        url(v, r.failureUrl(), "failure_url");
        String paymentType = r.paymentType() == null ? "Regular" : r.paymentType();
        v.check(PAYMENT_TYPES.contains(paymentType), "payment_type_invalid", "payment_type", "payment_type must be one of " + PAYMENT_TYPES + ".");
        Validate.metadata(v, r.metadata());
        v.throwIfInvalid();
        CustomerRef customer = r.customer() == null ? null : new CustomerRef(r.customer().id(), r.customer().email(), r.customer().name());
        // A plain API payment pays for no order and no link (paysFor null), whatever its metadata says.
        return new PaymentRequest(source, r.amount(), currency.get(), r.reference(), r.description(),
                r.capture() == null || r.capture(), customer, Validate.text(r.metadata()),
                r.threeDs() != null && Boolean.TRUE.equals(r.threeDs().enabled()), r.successUrl(), r.failureUrl(), paymentType,
                null);
    }

    /**
     * Checkout.com: in three-decimal currencies (KWD, BHD, …) an amount's last digit must be 0.
     * Payments, captures and refunds of this API all keep to it.
     */
    static void lastDigit(Validation v, CurrencyCode currency, long amount) {
        if (currency.exponent() != 3) return;
        v.check(amount % 10 == 0, "amount_invalid", "amount", "In " + currency + " the amount's last digit must be 0.");
    }

    private static PaymentSource source(Validation v, PaymentJson.SourceRequest s) {
        if (s == null) {
            v.fail("payment_source_required", "source", "source is required.");
            return null;
        }
        String type = s.type() == null ? "" : s.type();
        switch (type) {
            case "token" -> {
                v.check(s.token() != null, "token_required", "source.token", "source.token is required.");
                return new PaymentSource.Token(s.token());
            }
            case "id" -> {
                v.check(s.id() != null, "source_id_required", "source.id", "source.id is required.");
                return new PaymentSource.Stored(s.id(), s.cvv());
            }
            case "card" -> {
                return new PaymentSource.NewCard(new CardInput(s.number(), s.expiryMonth(), s.expiryYear(), s.cvv(), s.name(),
                        TokenHandlers.raw(s.billingAddress()), TokenHandlers.raw(s.phone())));
            }
            default -> {
                v.fail("payment_source_type_invalid", "source.type", "source.type must be token, id or card.");
                return null;
            }
        }
    }

    private static void url(Validation v, String url, String param) {
        if (url == null) return;
        boolean ok;
        try {
            URI u = URI.create(url);
            ok = u.isAbsolute() && ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null
                    && url.length() <= 1024;
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        v.check(ok, param + "_invalid", param, param + " must be an absolute http(s) URL.");
    }
}
