package dev.till.http.payments;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.vault.StoredCard;

/** Wire shapes of {@code POST /tokens}, as Checkout.com's SDK sends and reads them. */
public final class TokenJson {
    private TokenJson() {}

    public record Request(String type, String number, Integer expiryMonth, Integer expiryYear, String name, String cvv,
                          JsonNode billingAddress, JsonNode phone) {
        @Override
        public String toString() {
            return "TokenJson.Request[redacted]";
        }
    }

    public record Response(String type, String token, String expiresOn, int expiryMonth, int expiryYear, String scheme,
                           String last4, String bin, String cardType, String cardCategory, String issuer,
                           String issuerCountry, String productId, String productType, String name,
                           @JsonRawValue String billingAddress, @JsonRawValue String phone) {
        public static Response of(StoredCard t) {
            return new Response("card", t.id(), t.expiresOn().toString(), t.expiryMonth(), t.expiryYear(), t.scheme(),
                    t.last4(), t.bin(), t.cardType(), t.cardCategory(), t.issuer(), t.issuerCountry(), t.productId(),
                    t.productType(), t.name(), t.billingAddress(), t.phone());
        }
    }
}
