package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.processor.simulator.TestCard;
import dev.till.processor.simulator.TestCards;
import dev.till.testkit.Api;
import dev.till.testkit.LogCapture;
import dev.till.testkit.TestPostgres;
import dev.till.testkit.TillServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs after the whole suite (see junit-platform.properties) and looks for card numbers and CVVs
 * where they must never be: in any column of any test database outside the vault's ciphertext,
 * in any log line of the test JVM, and in any response of its own card flows.
 */
@Order(Integer.MAX_VALUE)
class CardDataSweepTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    /** A valid card no other test uses, and CVVs made of digits base32 ids cannot contain. */
    static final String CARD = "4111111111111111";
    /**
     * The CVVs sent, as a JSON string value would hold them. Searched quoted: three or four bare
     * digits turn up by chance inside hex fingerprints, auth codes and the like.
     */
    static final List<String> CVVS = List.of("\"989\"", "\"8989\"");

    @Test
    void no_card_number_or_cvv_is_kept_logged_or_answered() throws Exception {
        // Given this class's own card flows, with distinctive CVVs: token, raw card, stored card, 3-D Secure
        List<String> responses = flows();

        List<String> numbers = new ArrayList<>(TestCards.ALL.stream().map(TestCard::number).toList());
        numbers.add(CARD);
        List<String> secrets = new ArrayList<>(numbers);
        secrets.addAll(CVVS);

        // Then no response carried a card number or CVV
        assertThat(responses).noneSatisfy(body -> assertThat(body).containsAnyOf(secrets.toArray(String[]::new)));

        // And no log line of the whole suite did
        assertThat(LogCapture.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf(numbers.toArray(String[]::new)));

        // And no database of the whole suite holds one outside the vault's ciphertext
        List<String> databases = query(till.databaseUrl(),
                "SELECT datname FROM pg_database WHERE datname LIKE 'till\\_%' AND datname <> 'till_template'");
        assertThat(databases).hasSizeGreaterThan(0);
        for (String db : databases) {
            String dump = String.join("\n", dump(TestPostgres.jdbcUrl(db)));
            assertThat(dump).as("database " + db).doesNotContain(numbers.toArray(String[]::new));
            if (db.equals(databaseName())) {
                assertThat(dump).doesNotContain(CVVS.toArray(String[]::new));
                // The sweep does see the card tables: BIN and last four are there. (Stored idempotent
                // responses are AEAD-encrypted, so they are binary here; IdempotencyTest proves that.)
                assertThat(dump).contains("\"bin\": \"411111\"", "\"last4\": \"4564\"");
            }
        }
    }

    private List<String> flows() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api browser = till.anonymous().withKey(m.publishableKey());
        List<String> out = new ArrayList<>();
        Api.Reply token = browser.post("/tokens", "{\"number\":\"" + CARD + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"989\"}");
        out.add(token.body());
        Api.Reply paid = api.post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token.text("token")
                + "\"},\"amount\":2000,\"currency\":\"USD\",\"customer\":{\"email\":\"sweep@example.com\"}}");
        out.add(paid.body());
        String source = paid.json().path("source").path("id").asText();
        out.add(api.post("/payments", "{\"source\":{\"type\":\"id\",\"id\":\"" + source + "\",\"cvv\":\"989\"},\"amount\":3000,\"currency\":\"USD\"}").body());
        out.add(api.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"345678901234564\",\"expiry_month\":1,"
                + "\"expiry_year\":2032,\"cvv\":\"8989\"},\"amount\":4000,\"currency\":\"USD\"}", "Idempotency-Key", "sweep-1").body());
        out.add(api.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"" + CARD + "\",\"expiry_month\":1,"
                + "\"expiry_year\":2032,\"cvv\":\"98\"},\"amount\":4000,\"currency\":\"USD\"}").body()); // a 422
        Api.Reply pending = api.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"4000000000003220\",\"expiry_month\":1,"
                + "\"expiry_year\":2032,\"cvv\":\"989\"},\"amount\":5000,\"currency\":\"USD\"}");
        out.add(pending.body());
        String page = pending.json().path("_links").path("redirect").path("href").asText().substring(till.gateway().services().publicUrl().length());
        out.add(till.anonymous().get(page).body());
        out.add(api.get("/payments/" + paid.text("id")).body());
        out.add(api.get("/payments/" + paid.text("id") + "/actions").body());
        out.add(api.get("/payments?reference=").body());
        return out;
    }

    private String databaseName() {
        String url = till.databaseUrl();
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    /** Every row of every table as JSON, minus binary columns: ciphertexts, keyed hashes, request hashes, sealed responses. */
    private static List<String> dump(String url) throws SQLException {
        List<String> rows = new ArrayList<>();
        List<String> tables = query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'");
        for (String table : tables) {
            List<String> binary = query(url, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    + "AND table_name = '" + table + "' AND data_type = 'bytea'");
            StringBuilder json = new StringBuilder("to_jsonb(t)");
            for (String column : binary) json.append(" - '").append(column).append("'");
            rows.addAll(query(url, "SELECT (" + json + ")::text FROM " + table + " t"));
        }
        return rows;
    }

    private static List<String> query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }
}
