package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whatever a browser or a merchant sends as a card number, a number that is not one is 422 card_number_invalid. */
class CardNumberTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void a_card_number_that_is_not_digits_is_card_number_invalid() {
        // Given a merchant's checkout page and its backend
        NewMerchant m = till.merchant();
        Api browser = till.anonymous().withKey(m.publishableKey());
        Api backend = till.api(m);

        // When each sends numbers with letters, spaces, signs or non-ASCII digits
        for (String number : new String[] {"abcd", " 4242424242424242", "+424242424242424", "64a4242424242424", "٥٥٥٥٥٥٥٥٥٥٥٥٥٥٥٥"}) {
            Api.Reply token = browser.post("/tokens",
                    "{\"type\":\"card\",\"number\":\"" + number + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"123\"}");
            Api.Reply payment = backend.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"" + number
                    + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"123\"},\"amount\":6500,\"currency\":\"USD\"}");

            // Then both are told the number is invalid, naming the field
            assertThat(token.status()).as(number + ": " + token.body()).isEqualTo(422);
            assertThat(token.json().path("error_codes").get(0).asText()).isEqualTo("card_number_invalid");
            assertThat(token.text("param")).isEqualTo("number");
            assertThat(payment.status()).as(number + ": " + payment.body()).isEqualTo(422);
            assertThat(payment.json().path("error_codes").get(0).asText()).isEqualTo("card_number_invalid");
            assertThat(payment.text("param")).isEqualTo("source.number");
        }
    }
}
