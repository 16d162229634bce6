package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.crypto.Keysets;
import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What happens to payments over time: lost replies, expiries, events, the vault's secrets. */
class PaymentLifecycleTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_lost_reply_stays_pending_until_the_reconciler_finds_it_approved() {
        // Given a card whose network reply never arrives (the network did approve it)
        NewMerchant m = till.merchant();
        Api.Reply pending = pay(m, "4000000000003055", 75_00, "");

        // Then the payment is Pending, not Declined, and offers no challenge
        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.text("status")).isEqualTo("Pending");
        assertThat(pending.json().path("_links").has("redirect")).isFalse();

        // When the reconciler asks the network
        assertThat(till.gateway().jobs().runNow("payments-reconcile")).isEqualTo(1);

        // Then it is approved and, as requested, captured
        String id = pending.text("id");
        assertThat(till.api(m).get("/payments/" + id).text("status")).isEqualTo("Captured");
        assertThat(eventTypes(id)).containsExactly("payment_pending", "payment_approved", "payment_captured");
    }

    @Test
    void a_connection_that_fails_mid_authorization_leaves_the_payment_pending_and_the_reconciler_finds_it() {
        // Given a card whose connection to the network fails (the connector throws) while
        // authorizing and again at the first lookup; the network did approve it
        NewMerchant m = till.merchant();
        Api.Reply failed = pay(m, "4000000000003113", 30_00, "");

        // Then the payment is on record, Pending, rather than lost with a rolled-back transaction
        assertThat(failed.status()).as(failed.body()).isEqualTo(202);
        assertThat(failed.text("status")).isEqualTo("Pending");
        String id = failed.text("id");

        // When a payment whose reply was lost comes after it, and the reconciler runs its rounds
        String later = pay(m, "4000000000003055", 75_00, "").text("id");
        till.gateway().jobs().runNow("payments-reconcile");

        // Then the failing lookup held nothing back (the first round settled the later payment), and
        // a later round's lookup answered: both are approved and captured, as requested
        assertThat(till.api(m).get("/payments/" + later).text("status")).isEqualTo("Captured");
        assertThat(till.api(m).get("/payments/" + id).text("status")).isEqualTo("Captured");
        assertThat(eventTypes(id)).containsExactly("payment_pending", "payment_approved", "payment_captured");
    }

    @Test
    void a_reply_the_network_never_saw_is_declined_by_the_reconciler() {
        NewMerchant m = till.merchant();
        Api.Reply pending = pay(m, "4000000000003063", 75_00, "");
        assertThat(pending.text("status")).isEqualTo("Pending");

        till.gateway().jobs().runNow("payments-reconcile");

        Api.Reply read = till.api(m).get("/payments/" + pending.text("id"));
        assertThat(read.text("status")).isEqualTo("Declined");
        assertThat(read.text("response_code")).isEqualTo("20068");
    }

    @Test
    void payments_the_network_never_answers_for_do_not_hold_back_newer_ones() {
        // Given more payments the network never answers for than the reconciler takes at once
        NewMerchant m = till.merchant();
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Api.Reply pending = pay(m, "4000000000003089", 10_00, "");
            assertThat(pending.text("status")).isEqualTo("Pending");
            unanswered.add(pending.text("id"));
        }
        // And, a second later, a payment whose approval the network does have
        till.clock().advance(Duration.ofSeconds(1));
        Api.Reply lost = pay(m, "4000000000003055", 75_00, "");
        assertThat(lost.text("status")).isEqualTo("Pending");

        // When the reconciler runs
        assertThat(till.gateway().jobs().runNow("payments-reconcile")).isEqualTo(1);

        // Then the newer payment is settled, and the unanswered ones wait for the next round
        assertThat(till.api(m).get("/payments/" + lost.text("id")).text("status")).isEqualTo("Captured");
        for (String id : unanswered) assertThat(till.api(m).get("/payments/" + id).text("status")).isEqualTo("Pending");
        assertThat(till.gateway().jobs().runNow("payments-reconcile")).isZero();
    }

    @Test
    void an_authorization_nobody_captures_expires_after_seven_days() {
        // Given an authorization that is not captured
        NewMerchant m = till.merchant();
        Api.Reply auth = pay(m, "4242424242424242", 30_00, "\"capture\":false,");
        String id = auth.text("id");
        assertThat(auth.text("expires_on")).isEqualTo(till.clock().instant().plus(Duration.ofDays(7)).toString());

        // When six days pass, nothing happens; after seven, the expiry job voids it
        till.clock().advance(Duration.ofDays(6));
        till.gateway().jobs().runNow("payments-expire-authorizations");
        assertThat(till.api(m).get("/payments/" + id).text("status")).isEqualTo("Authorized");
        till.clock().advance(Duration.ofDays(1));
        till.gateway().jobs().runNow("payments-expire-authorizations");

        // Then it is Expired, its money released, and it cannot be captured
        Api.Reply read = till.api(m).get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Expired");
        assertThat(read.json().path("balances").path("total_voided").asLong()).isEqualTo(30_00);
        assertThat(till.api(m).post("/payments/" + id + "/captures", null).status()).isEqualTo(403);
        assertThat(eventTypes(id)).containsExactly("payment_approved", "payment_expired");
    }

    @Test
    void events_carry_the_payment_snapshot_without_card_data() throws Exception {
        // Given a card whose funds skip the pending period
        NewMerchant m = till.merchant();
        Api.Reply paid = pay(m, "4000000000000077", 65_00, "\"reference\":\"ORD-1\",\"metadata\":{\"udf1\":\"x\"},");
        String id = paid.text("id");

        // Then the capture event has Checkout.com's shape, with funds_availability immediate
        JsonNode data = eventData(id, "payment_captured");
        assertThat(data.path("id").asText()).isEqualTo(id);
        assertThat(data.path("status").asText()).isEqualTo("Captured");
        assertThat(data.path("amount").asLong()).isEqualTo(65_00);
        assertThat(data.path("currency").asText()).isEqualTo("USD");
        assertThat(data.path("approved").asBoolean()).isTrue();
        assertThat(data.path("reference").asText()).isEqualTo("ORD-1");
        assertThat(data.path("response_code").asText()).isEqualTo("10000");
        assertThat(data.path("funds_availability").asText()).isEqualTo("immediate");
        assertThat(data.path("metadata").path("udf1").asText()).isEqualTo("x");
        assertThat(data.path("balances").path("total_captured").asLong()).isEqualTo(65_00);
        assertThat(data.path("source").path("type").asText()).isEqualTo("card");
        assertThat(data.path("source").path("bin").asText()).isEqualTo("400000");
        assertThat(data.path("source").path("last4").asText()).isEqualTo("0077");
        assertThat(data.path("source").has("fingerprint")).isFalse();
        assertThat(data.path("action").path("type").asText()).isEqualTo("Capture");
        assertThat(data.path("action").path("amount").asLong()).isEqualTo(65_00);
        assertThat(data.toString()).doesNotContain("4000000000000077");
    }

    @Test
    void an_auto_captured_payment_announces_its_approval_before_its_capture() throws Exception {
        // Given a payment that asks for capture (the default), written once with both its actions
        NewMerchant m = till.merchant();
        Api.Reply paid = pay(m, "4242424242424242", 42_00, "\"metadata\":{\"basket\":\"B-7\"},");
        String id = paid.text("id");

        // Then the answer shows it authorized, as Checkout.com answers a capture that follows
        assertThat(paid.text("status")).isEqualTo("Authorized");

        // And its approval event shows it as it stood before the capture, then the capture follows
        assertThat(eventTypes(id)).containsExactly("payment_approved", "payment_captured");
        JsonNode approved = eventData(id, "payment_approved");
        assertThat(approved.path("status").asText()).isEqualTo("Authorized");
        assertThat(approved.path("balances").path("total_authorized").asLong()).isEqualTo(42_00);
        assertThat(approved.path("balances").path("total_captured").asLong()).isZero();
        assertThat(approved.path("balances").path("available_to_capture").asLong()).isEqualTo(42_00);
        assertThat(approved.path("action").path("type").asText()).isEqualTo("Authorization");
        assertThat(approved.path("metadata").path("basket").asText()).isEqualTo("B-7");
        JsonNode captured = eventData(id, "payment_captured");
        assertThat(captured.path("status").asText()).isEqualTo("Captured");
        assertThat(captured.path("balances").path("total_captured").asLong()).isEqualTo(42_00);
        assertThat(captured.path("balances").path("available_to_capture").asLong()).isZero();

        // And a read shows it captured, with the authorization and the capture as its actions
        assertThat(till.api(m).get("/payments/" + id).text("status")).isEqualTo("Captured");
        JsonNode actions = till.api(m).get("/payments/" + id + "/actions").json();
        List<String> types = new ArrayList<>();
        actions.forEach(a -> types.add(a.path("type").asText()));
        assertThat(types).containsExactly("Capture", "Authorization");
    }

    @Test
    void a_capture_the_network_declines_after_a_challenge_leaves_the_payment_authorized() {
        // Given a payment that asks for capture, on a card whose captures the network declines, in 3-D Secure
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api.Reply pending = pay(m, "4000000000003105", 42_00, "\"3ds\":{\"enabled\":true},");
        assertThat(pending.status()).as(pending.body()).isEqualTo(202);
        String id = pending.text("id");

        // When the cardholder completes the challenge
        String href = api.get("/payments/" + id).json().path("_links").path("redirect").path("href").asText();
        Api.Reply completed = till.anonymous().send("POST", href.substring(till.gateway().services().publicUrl().length()),
                "application/x-www-form-urlencoded", "outcome=pass".getBytes(StandardCharsets.UTF_8));
        assertThat(completed.status()).as(completed.body()).isLessThan(400);

        // Then it is approved, but its funds are only authorized: the capture is declined and said so
        Api.Reply read = api.get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Authorized");
        assertThat(read.json().path("balances").path("total_captured").asLong()).isZero();
        assertThat(read.json().path("balances").path("available_to_capture").asLong()).isEqualTo(42_00);
        assertThat(eventTypes(id)).endsWith("payment_approved", "payment_capture_declined");
        JsonNode actions = api.get("/payments/" + id + "/actions").json();
        assertThat(actions.get(0).path("type").asText()).isEqualTo("Capture");
        assertThat(actions.get(0).path("approved").asBoolean()).isFalse();
        assertThat(actions.get(0).path("response_code").asText()).isEqualTo("20046");
    }

    @Test
    void a_zero_amount_verifies_the_card() {
        NewMerchant m = till.merchant();
        Api.Reply verified = pay(m, "4242424242424242", 0, "");
        assertThat(verified.status()).isEqualTo(201);
        assertThat(verified.text("status")).isEqualTo("Card Verified");
        assertThat(till.api(m).get("/payments/" + verified.text("id") + "/actions").json().get(0).path("type").asText())
                .isEqualTo("Card Verification");
        assertThat(eventTypes(verified.text("id"))).containsExactly("card_verified");
    }

    @Test
    void a_declined_refund_changes_no_money() {
        NewMerchant m = till.merchant();
        String id = pay(m, "4000000000003071", 20_00, "").text("id");
        Api.Reply refund = till.api(m).post("/payments/" + id + "/refunds", "{\"amount\":500}");
        assertThat(refund.status()).isEqualTo(202);
        Api.Reply read = till.api(m).get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Captured");
        assertThat(read.json().path("balances").path("total_refunded").asLong()).isZero();
        assertThat(eventTypes(id)).endsWith("payment_refund_declined");
    }

    @Test
    void concurrent_captures_never_capture_more_than_authorized() throws Exception {
        // Given an authorization of 50.00
        NewMerchant m = till.merchant();
        String id = pay(m, "4242424242424242", 50_00, "\"capture\":false,").text("id");

        // When twelve NonFinal captures of 10.00 race
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> till.api(m).post("/payments/" + id + "/captures", "{\"amount\":1000,\"capture_type\":\"NonFinal\"}").status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (Future<Integer> f : pool.invokeAll(calls)) statuses.add(f.get());
        }

        // Then exactly five succeed, the others are refused, and 50.00 is captured
        assertThat(statuses).filteredOn(s -> s == 202).hasSize(5);
        assertThat(statuses).filteredOn(s -> s != 202).allMatch(s -> s == 403 || s == 422 || s == 409);
        Api.Reply read = till.api(m).get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Captured");
        assertThat(read.json().path("balances").path("total_captured").asLong()).isEqualTo(50_00);
    }

    @Test
    void a_token_expires_after_fifteen_minutes_and_its_secrets_are_wiped() throws Exception {
        // Given a token nobody uses
        NewMerchant m = till.merchant();
        String token = token(m, "4242424242424242");
        assertThat(tokenSecrets(token)).isEqualTo("number+cvv");

        // When sixteen minutes pass and the wipe job runs
        till.clock().advance(Duration.ofMinutes(16));
        till.gateway().jobs().runNow("tokens-wipe-expired");

        // Then the number and CVV are gone, and paying with it is token_expired
        assertThat(tokenSecrets(token)).isEqualTo("none");
        Api.Reply late = till.api(m).post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token + "\"},\"amount\":100,\"currency\":\"USD\"}");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().path("error_codes").get(0).asText()).isEqualTo("token_expired");
    }

    @Test
    void a_used_token_keeps_no_secret_and_old_cards_survive_key_rotation() throws Exception {
        // Given a stored card, made from a token
        NewMerchant m = till.merchant();
        Api.Reply first = pay(m, "5436031030606378", 10_00, "");
        String sourceId = first.json().path("source").path("id").asText();
        assertThat(tokenSecrets(tokenOf(sourceId))).isEqualTo("none");

        // When the encryption key is rotated and Till restarts
        Keysets.rotateAead(till.dataDir().resolve("keys").resolve("keyset.json"));
        till.restart();
        assertThat(till.gateway().services().keysets().aeadKeyCount()).isEqualTo(2);

        // Then the old card still pays, and new cards work under the new key
        Api.Reply again = till.api(m).post("/payments", "{\"source\":{\"type\":\"id\",\"id\":\"" + sourceId + "\"},\"amount\":1500,\"currency\":\"USD\"}");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("approved").asBoolean()).isTrue();
        assertThat(pay(m, "4242424242424242", 12_00, "").json().path("approved").asBoolean()).isTrue();
    }

    private static String token(NewMerchant m, String number) {
        Api.Reply token = till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"" + number + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"" + (number.startsWith("3") ? "1234" : "123") + "\"}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return token.text("token");
    }

    static Api.Reply pay(NewMerchant m, String number, long amount, String extra) {
        return till.api(m).post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token(m, number) + "\"}," + extra
                + "\"amount\":" + amount + ",\"currency\":\"USD\"}");
    }

    private static List<String> eventTypes(String objectId) {
        return query("SELECT type FROM events WHERE object_id = '" + objectId + "' ORDER BY object_seq");
    }

    private static JsonNode eventData(String objectId, String type) throws Exception {
        return JSON.readTree(query("SELECT data::text FROM events WHERE object_id = '" + objectId + "' AND type = '" + type + "'").getFirst());
    }

    private static String tokenSecrets(String tokenId) {
        return query("SELECT CASE WHEN number_ciphertext IS NOT NULL AND cvv_ciphertext IS NOT NULL THEN 'number+cvv' "
                + "WHEN number_ciphertext IS NULL AND cvv_ciphertext IS NULL THEN 'none' ELSE 'partial' END "
                + "FROM card_tokens WHERE id = '" + tokenId + "'").getFirst();
    }

    private static String tokenOf(String sourceId) {
        return query("SELECT t.id FROM card_tokens t JOIN card_sources s ON s.fingerprint = t.fingerprint AND s.merchant_id = t.merchant_id "
                + "WHERE s.id = '" + sourceId + "'").getFirst();
    }

    private static List<String> query(String sql) {
        try (Connection c = DriverManager.getConnection(till.databaseUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
