package dev.till.core.payments;

import dev.till.domain.CurrencyCode;

/**
 * A validated request for a card payment; other capabilities (orders, payment links) build one
 * too. {@code amount} 0 is a card verification. {@code metadata} is JSON text or null.
 * {@code successUrl} and {@code failureUrl} receive the customer after a 3-D Secure challenge.
 * {@code paysFor} is {@link Payment#PAYS_FOR_ORDER} or {@link Payment#PAYS_FOR_LINK} when that
 * capability creates the payment, null for a plain API payment (see {@link Payment}).
 */
public record PaymentRequest(PaymentSource source, long amount, CurrencyCode currency, String reference,
                             String description, boolean capture, CustomerRef customer, String metadata,
                             boolean threeDs, String successUrl, String failureUrl, String paymentType,
                             String paysFor) {}
