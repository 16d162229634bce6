package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CustomersTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void a_merchant_creates_reads_updates_lists_and_deletes_a_customer() {
        // Given a merchant
        Api api = till.api();

        // When it creates a customer
        Api.Reply created = api.post("/customers", """
                {"email":"jane@example.com","name":"Jane Doe","phone":{"country_code":"+44","number":"020 7946 0000"},
                 "metadata":{"partner_id":123989,"vip":true}}""");

        // Then the customer has a cus_ ID and reads back as sent
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(id).matches("cus_[a-z2-7]{26}");
        Api.Reply read = api.get("/customers/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("metadata").path("partner_id").asLong()).isEqualTo(123989);
        assertThat(read.json().path("phone").path("country_code").asText()).isEqualTo("+44");

        // When it changes the name only
        Api.Reply updated = api.patch("/customers/" + id, "{\"name\":\"Jane Roe\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("name")).isEqualTo("Jane Roe");
        assertThat(updated.text("email")).isEqualTo("jane@example.com");

        // And deletes the customer
        assertThat(api.delete("/customers/" + id).status()).isEqualTo(204);
        assertThat(api.get("/customers/" + id).status()).isEqualTo(404);
    }

    @Test
    void customers_are_listed_newest_first_with_a_cursor() {
        Api api = till.api();
        for (int i = 0; i < 5; i++) {
            till.clock().advance(java.time.Duration.ofSeconds(1));
            assertThat(api.post("/customers", "{\"email\":\"c" + i + "@example.com\"}").status()).isEqualTo(201);
        }
        Api.Reply first = api.get("/customers?limit=2");
        assertThat(first.json().path("data")).hasSize(2);
        assertThat(first.json().path("data").get(0).path("email").asText()).isEqualTo("c4@example.com");
        assertThat(first.json().path("has_more").asBoolean()).isTrue();

        Api.Reply second = api.get("/customers?limit=2&cursor=" + first.text("next_cursor"));
        assertThat(second.json().path("data").get(0).path("email").asText()).isEqualTo("c2@example.com");
        Api.Reply third = api.get("/customers?limit=2&cursor=" + second.text("next_cursor"));
        assertThat(third.json().path("data")).hasSize(1);
        assertThat(third.json().path("has_more").asBoolean()).isFalse();

        assertThat(api.get("/customers?email=C3@example.com").json().path("data")).hasSize(1);
        assertThat(api.get("/customers?cursor=garbage").status()).isEqualTo(422);
        assertThat(api.get("/customers?limit=0").status()).isEqualTo(422);
    }

    @Test
    void every_invalid_field_gets_its_own_code() {
        Api api = till.api();
        Api.Reply reply = api.post("/customers", """
                {"email":"not-an-email","phone":{"number":"x"},"metadata":{"nested":{"a":1}}}""");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.text("error_type")).isEqualTo("request_invalid");
        assertThat(reply.json().path("error_codes").toString())
                .contains("email_invalid", "phone_number_invalid", "metadata_invalid");

        Api.Reply missing = api.post("/customers", "{}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("error_codes").get(0).asText()).isEqualTo("email_required");
        assertThat(missing.text("param")).isEqualTo("email");
    }
}
