package dev.till.core.vault;

import java.time.Instant;

/**
 * A card as Till keeps it in plain text, for both tokens ({@code tok_}) and stored sources
 * ({@code src_}): no number and no CVV. {@code billingAddress} and {@code phone} are JSON text.
 */
public record StoredCard(String id, String merchantId, String customerId, String bin, String last4, int expiryMonth,
                         int expiryYear, String scheme, String name, String billingAddress, String phone,
                         byte[] fingerprint, String cardType, String cardCategory, String issuer, String issuerCountry,
                         String productId, String productType, Instant createdOn, Instant expiresOn, Instant usedOn) {

    /** The keyed fingerprint as Checkout.com shows it: 64 uppercase hex digits. */
    public String fingerprintHex() {
        return java.util.HexFormat.of().withUpperCase().formatHex(fingerprint);
    }
}
