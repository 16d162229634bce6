package dev.till.core.payments;

import dev.till.domain.CurrencyCode;

/**
 * A validated request for a card payment; other capabilities (orders, payment links) build one
 * too. {@code amount} 0 is a card verification. {@code metadata} is JSON text or null.
 * {@code successUrl} and {@code failureUrl} receive the customer after a 3-D Secure challenge.
 */
public record PaymentRequest(PaymentSource source, long amount, CurrencyCode currency, String reference,
                             String description, boolean capture, CustomerRef customer, String metadata,
                             boolean threeDs, String successUrl, String failureUrl, String paymentType) {}
