package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.merchants.NewMerchant;
import dev.till.http.Routes;
import dev.till.testkit.Api;
import dev.till.testkit.LogCapture;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OperationsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void health_answers_and_readiness_checks_the_database() {
        assertThat(till.anonymous().get("/health/live").status()).isEqualTo(200);
        Api.Reply ready = till.anonymous().get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text("database")).isEqualTo("ok");
    }

    @Test
    void metrics_count_requests_per_route_and_status() {
        till.api().get("/customers");
        String metrics = till.anonymous().get("/metrics").body();
        assertThat(metrics).contains("till_http_requests_seconds_count{method=\"GET\",route=\"/customers\",status=\"200\"}");
        assertThat(metrics).contains("till_http_requests_seconds_bucket");
    }

    @Test
    void the_contract_is_served_and_every_route_is_in_it() throws Exception {
        Api.Reply doc = till.anonymous().get("/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        JsonNode tree = new ObjectMapper().readTree(doc.body());
        assertThat(tree.path("openapi").asText()).isEqualTo("3.1.0");
        for (Routes.Route route : till.gateway().routeTable()) {
            assertThat(tree.path("paths").path(route.path()).path(route.method()).isObject())
                    .as(route.method() + " " + route.path() + " is documented").isTrue();
        }
        assertThat(till.anonymous().get("/openapi.yaml").body()).startsWith("---\nopenapi:");
        Api.Reply viewer = till.anonymous().get("/docs");
        assertThat(viewer.body()).contains("/docs/assets/swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(till.anonymous().get("/docs/assets/swagger-ui-bundle.js").status()).isEqualTo(200);
    }

    @Test
    void one_access_log_line_per_request_and_never_a_key() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api.Reply r = api.post("/customers", "{\"email\":\"logged@example.com\"}");
        till.anonymous().withKey(m.publishableKey()).get("/customers");
        till.anonymous().withRawAuthorization(m.secretKey() + "x").get("/customers");

        String requestId = r.header("Cko-Request-Id");
        assertThat(LogCapture.lines()).anySatisfy(line -> assertThat(line)
                .contains(requestId, m.merchant().merchantId(), "POST", "/customers", "201"));
        assertThat(LogCapture.lines()).noneSatisfy(line -> assertThat(line)
                .containsAnyOf(m.secretKey(), m.publishableKey(), "logged@example.com"));
    }
}
