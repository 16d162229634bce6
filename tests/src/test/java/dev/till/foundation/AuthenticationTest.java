package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticationTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void keys_follow_checkout_com_format() {
        NewMerchant m = till.merchant();
        // The exact patterns Checkout.com's Java SDK enforces before sending anything.
        assertThat(m.secretKey()).matches("^sk_(sbox_)?[a-z2-7]{26}[a-z2-7*#$=]$").startsWith("sk_sbox_");
        assertThat(m.publishableKey()).matches("^pk_(sbox_)?[a-z2-7]{26}[a-z2-7*#$=]$");
        NewMerchant live = till.gateway().services().merchants().create("Live", false);
        assertThat(live.secretKey()).matches("^sk_[a-z2-7]{27}$");
    }

    @Test
    void a_missing_or_unknown_key_gets_401_with_the_error_shape() {
        Api.Reply none = till.anonymous().get("/customers");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.text("error_type")).isEqualTo("unauthorized");
        assertThat(none.header("Cko-Request-Id")).isEqualTo(none.text("request_id"));

        Api.Reply unknown = till.anonymous().withKey("sk_sbox_aaaaaaaaaaaaaaaaaaaaaaaaaaa").get("/customers");
        assertThat(unknown.status()).isEqualTo(401);
    }

    @Test
    void a_publishable_key_does_not_open_a_secret_route() {
        NewMerchant m = till.merchant();
        Api.Reply reply = new Api(till.baseUrl(), m.publishableKey()).post("/customers", "{\"email\":\"a@example.com\"}");
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void the_bare_key_works_as_well_as_the_bearer_form() {
        NewMerchant m = till.merchant();
        Api bare = till.anonymous().withRawAuthorization(m.secretKey());
        assertThat(bare.get("/customers").status()).isEqualTo(200);
        Api bearer = till.anonymous().withRawAuthorization("Bearer " + m.secretKey());
        assertThat(bearer.get("/customers").status()).isEqualTo(200);
    }
}
