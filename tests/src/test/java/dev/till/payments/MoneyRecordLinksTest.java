package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database's own guard on the links between money records (V17): a payment action, a ledger
 * line, a webhook delivery and a payment each need the row they point at, checked once per
 * statement; and those rows are append-only, so a check once made stays true.
 */
class MoneyRecordLinksTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true");

    @Test
    void a_record_that_points_at_nothing_is_refused_whatever_writes_it() {
        Jdbi jdbi = till.gateway().services().jdbi();
        NewMerchant m = till.merchant();
        String merchantId = m.merchant().merchantId();
        Api.Reply paid = pay(m);
        String paymentId = paid.text("id");

        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("""
                INSERT INTO payment_actions (id, merchant_id, payment_id, type, amount, approved, response_code,
                                             response_summary, processed_on, seq)
                VALUES ('act_orphan', ?, 'pay_nothing', 'Capture', 1, true, '10000', 'Approved', now(), 1)""", merchantId)))
                .hasStackTraceContaining("no payment pay_nothing");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("""
                INSERT INTO ledger_lines VALUES ('btx_nothing', 1, ?, 'merchant_available', 'USD', 'credit', 5),
                                                ('btx_nothing', 2, ?, 'fees', 'USD', 'debit', 5)""", merchantId, merchantId)))
                .hasStackTraceContaining("no entry btx_nothing");
        String endpointId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM webhook_endpoints WHERE merchant_id = ?")
                .bind(0, merchantId).mapTo(String.class).one());
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("""
                INSERT INTO webhook_deliveries (merchant_id, event_id, endpoint_id, event_type, status, schedule_start,
                                                created_on, updated_on)
                VALUES (?, 'evt_nothing', ?, 'payment_captured', 'pending', now(), now(), now())""", merchantId, endpointId)))
                .hasStackTraceContaining("no event evt_nothing");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                "UPDATE payments SET source_id = 'src_nothing' WHERE id = ?", paymentId)))
                .hasStackTraceContaining("source_id is written once and never changed");
    }

    @Test
    void payments_ledger_entries_events_and_stored_cards_are_never_deleted() {
        Jdbi jdbi = till.gateway().services().jdbi();
        NewMerchant m = till.merchant();
        String paymentId = pay(m).text("id");

        for (String sql : new String[] {"DELETE FROM payments WHERE id = ?", "DELETE FROM ledger_entries WHERE source_id = ?",
                "DELETE FROM events WHERE object_id = ?",
                "DELETE FROM card_sources WHERE id = (SELECT source_id FROM payments WHERE id = ?)"}) {
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(sql, paymentId))).as(sql)
                    .hasStackTraceContaining("is append-only");
        }
        assertThat(till.api(m).get("/payments/" + paymentId).text("status")).isEqualTo("Captured");
    }

    private static Api.Reply pay(NewMerchant m) {
        Api api = till.api(m);
        // An endpoint, so the payment's events have deliveries
        assertThat(api.post("/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\"}").status()).isEqualTo(201);
        String token = till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2031}").text("token");
        Api.Reply paid = api.post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token
                + "\"},\"amount\":2500,\"currency\":\"USD\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        return paid;
    }
}
