package dev.till.core.payments;

import dev.till.core.vault.CardInput;

/** Where a payment's card comes from (Checkout.com's {@code source.type}). */
public sealed interface PaymentSource {
    /** A single-use {@code tok_} from {@code POST /tokens}. */
    record Token(String token) implements PaymentSource {}

    /** A stored card {@code src_}, optionally with a fresh CVV. */
    record Stored(String id, String cvv) implements PaymentSource {}

    /** Raw card details, sent by a merchant's server. */
    record NewCard(CardInput card) implements PaymentSource {}
}
