package dev.till.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The widget's card post carries no key, so it is limited per client address, like the order payform. */
class PaymentLinkRateLimitTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_RATE_LIMIT_ANONYMOUS", "2");

    @Test
    void card_posts_from_one_address_are_limited_and_the_link_stays_usable() {
        // Given a link
        Api api = till.api();
        JsonNode link = Links.create(api, "");

        // When one address posts cards faster than allowed (numbers the vault refuses: no attempt counts)
        List<Api.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) replies.add(Links.pay(till, link, "4242424242424241"));

        // Then the excess posts get 429 with Retry-After, and the link is still active
        assertThat(replies).extracting(Api.Reply::status).contains(422, 429);
        Api.Reply limited = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(limited.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(limited.body()).contains("Too many attempts").doesNotContain("4242424242424241");
        assertThat(api.get("/payment-links/" + link.path("id").asText()).text("status")).isEqualTo("active");
    }
}
