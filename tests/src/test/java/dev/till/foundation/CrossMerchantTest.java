package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrossMerchantTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void another_merchants_customer_is_exactly_like_a_missing_one() {
        // Given a customer of merchant A
        Api a = till.api();
        Api b = till.api();
        String id = a.post("/customers", "{\"email\":\"secret@example.com\"}").text("id");

        // Then merchant B can neither read, change nor delete it, and the answers match a missing ID
        Api.Reply read = b.get("/customers/" + id);
        Api.Reply missing = b.get("/customers/cus_aaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().path("error_codes")).isEqualTo(missing.json().path("error_codes"));
        assertThat(b.patch("/customers/" + id, "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(b.delete("/customers/" + id).status()).isEqualTo(404);
        assertThat(b.get("/customers").body()).doesNotContain(id);
        assertThat(b.get("/customers?email=secret@example.com").json().path("data")).isEmpty();

        // And A still has it, unchanged
        assertThat(a.get("/customers/" + id).json().path("name").isMissingNode()).isTrue();
    }
}
