package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * U+0000 cannot be stored in PostgreSQL text or jsonb. Till refuses it where requests are read,
 * before a handler acts, so a payment carrying it never reaches the card network.
 */
class NullCharacterTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    static final String CARD = "\"source\":{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"100\"}";

    private static Api.Reply pay(Api api, String extra) {
        return api.post("/payments", "{" + CARD + ",\"amount\":6500,\"currency\":\"USD\"," + extra + "}");
    }

    private static void refused(Api.Reply r, String param) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.text("error_type")).isEqualTo("request_malformed");
        assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("null_character_invalid");
        assertThat(r.text("param")).isEqualTo(param);
    }

    @Test
    void a_payment_with_u0000_in_its_text_is_refused_before_the_network() {
        // Given a merchant
        NewMerchant m = till.merchant();
        Api api = till.api(m);

        // When it sends U+0000 in the reference, a metadata value, a metadata key or the card holder's name
        refused(pay(api, "\"reference\":\"a\\u0000b\""), "reference");
        refused(pay(api, "\"metadata\":{\"k\":\"\\u0000\"}"), "metadata.k");
        refused(pay(api, "\"metadata\":{\"k\\u0000\":\"v\"}"), "metadata");
        refused(api.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,"
                + "\"expiry_year\":2031,\"name\":\"Jane\\u0000\"},\"amount\":6500,\"currency\":\"USD\"}"), "source.name");

        // Then nothing was paid or stored
        assertThat(api.get("/payments").json().path("total_count").asLong()).isZero();

        // And an escaped backslash followed by "u0000" is ordinary text, kept as sent
        Api.Reply literal = pay(api, "\"reference\":\"a\\\\u0000b\"");
        assertThat(literal.status()).as(literal.body()).isEqualTo(201);
        assertThat(literal.text("reference")).isEqualTo("a\\u0000b");
    }

    @Test
    void a_token_with_u0000_in_the_name_or_billing_address_is_refused() {
        NewMerchant m = till.merchant();
        Api browser = till.anonymous().withKey(m.publishableKey());
        String card = "\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"123\"";

        refused(browser.post("/tokens", "{" + card + ",\"name\":\"\\u0000\"}"), "name");
        refused(browser.post("/tokens", "{" + card + ",\"billing_address\":{\"city\":\"Ber\\u0000lin\"}}"), "billing_address.city");
    }

    @Test
    void a_query_parameter_with_u0000_is_422() {
        // When a merchant searches its payments for a reference holding U+0000
        Api.Reply r = till.api().get("/payments?reference=%00");

        // Then it is told so, like any other bad query parameter
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("null_character_invalid");
        assertThat(r.text("param")).isEqualTo("reference");
    }

    @Test
    void april_answers_u0000_in_its_own_shape() {
        Api.Reply r = till.api().patch("/transactions/tran_aaaaaaaaaaaaaaaaaaaaaaaaaa", "{\"CreateRefund\":{\"note\":\"\\u0000\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.text("errorCode")).isEqualTo("null_character_invalid");
    }
}
