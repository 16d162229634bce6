package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.till.core.webhooks.SsrfGuard;
import dev.till.core.webhooks.WebhookSettings;
import dev.till.domain.ProblemException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The guard as production configures it: no loopback, no plain http for live merchants. */
class SsrfGuardTest {
    private final SsrfGuard guard = new SsrfGuard(WebhookSettings.of(Duration.ofSeconds(15), false, false));

    @Test
    void addresses_inside_the_network_are_refused_at_registration_and_at_delivery() {
        for (String url : new String[] {"https://127.0.0.1/", "https://[::1]/", "https://localhost/", "https://10.1.1.1/",
                "https://172.16.0.1/", "https://192.168.0.10/", "https://169.254.169.254/", "https://[fe80::1]/",
                "https://[fd00:ec2::254]/", "https://100.64.0.1/", "https://0.0.0.0/", "https://[::ffff:10.0.0.1]/",
                // IPv6 addresses that carry an inward IPv4 one: NAT64, local-use NAT64, 6to4, IPv4-compatible
                "https://[64:ff9b::a00:1]/", "https://[64:ff9b:1::a9fe:a9fe]/", "https://[2002:a9fe:a9fe::]/", "https://[::7f00:1]/"}) {
            assertThatThrownBy(() -> guard.validate(url, true)).as(url).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().codes()).containsExactly("url_address_not_allowed"));
            assertThat(guard.refusal(URI.create(url))).as(url).contains("address_not_allowed");
        }
    }

    @Test
    void public_addresses_pass_and_http_is_for_test_merchants_only() {
        assertThat(guard.refusal(URI.create("https://93.184.215.14/hook"))).isEmpty();
        assertThat(guard.refusal(URI.create("https://[64:ff9b::5db8:d70e]/hook"))).as("NAT64 of a public address").isEmpty();
        assertThat(guard.refusal(URI.create("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook"))).isEmpty();
        assertThat(guard.validate("http://93.184.215.14/hook", true)).isNotNull();
        assertThatThrownBy(() -> guard.validate("http://93.184.215.14/hook", false)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> guard.validate("https://user:pw@93.184.215.14/", true)).isInstanceOf(ProblemException.class);
    }
}
