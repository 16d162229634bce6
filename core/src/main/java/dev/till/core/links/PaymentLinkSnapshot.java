package dev.till.core.links;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * The {@code data} of every {@code payment_link.*} event: the link without its URL (which the
 * merchant already has) and without card data, which a link never holds. Frozen for webhook consumers.
 */
public record PaymentLinkSnapshot(String id, String status, String paymentId, long amount, String currency,
                                  String reference, String description, boolean capture, String expiresOn,
                                  @JsonRawValue String metadata) {
    public static PaymentLinkSnapshot of(PaymentLink l) {
        return new PaymentLinkSnapshot(l.id(), l.status(), l.paymentId(), l.amount(), l.currency(), l.reference(),
                l.description(), l.capture(), l.expiresOn().toString(), l.metadata());
    }
}
