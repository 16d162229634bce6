package dev.till.core.merchants;

/** Who is calling: the merchant comes from the key, never from the body or the path. */
public record Authenticated(Merchant merchant, KeyKind keyKind) {
    public String merchantId() {
        return merchant.merchantId();
    }
}
