package dev.till.payouts;

import static dev.till.ledger.LedgerAssertions.ledgerAddsUp;
import static dev.till.payouts.PayoutFixtures.COMPLETES_DE;
import static dev.till.payouts.PayoutFixtures.FAILS_NL;
import static dev.till.payouts.PayoutFixtures.credit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.events.Event;
import dev.till.core.events.EventStore;
import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 003 end to end over HTTP, in its camelCase shapes: quote, payments, retrieve, subscribe, webhook. */
class Seed003PaymentsApiTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true");

    @Test
    void quote_then_payments_then_retrieve_then_subscribe_and_a_webhook_arrives() throws Exception {
        // Given a test merchant with 500.00 USD available, subscribed to its payment events
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        credit(api, "USD", 500_00);
        List<JsonNode> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            hooks.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Api.Reply subscribed = api.post("/api/v1/payments/subscribe",
                "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\"}");
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);

        // When it gets a payment quote for EUR to Germany
        Api.Reply quote = api.post("/api/v1/payments/quote", """
                {"currency":"EUR","country":"DE","sourceCurrency":"USD","sourceAmount":25000}""");
        assertThat(quote.status()).as(quote.body()).isEqualTo(201);
        assertThat(quote.json().fieldNames()).toIterable()
                .contains("id", "currency", "country", "sourceCurrency", "sourceAmount", "targetAmount", "rate", "fee", "expiresAt");
        String quoteId = quote.text("id");

        // And creates payments with it: one good, one whose quote is missing, one with a bad IBAN
        String otherQuote = api.post("/api/v1/payments/quote", "{\"currency\":\"EUR\",\"country\":\"NL\",\"sourceAmount\":1000}").text("id");
        Api.Reply created = api.post("/api/v1/payments", """
                [{"quoteId":"%s","externalRef":"ext-001","reference":"Invoice 1",
                  "beneficiary":{"name":"Erika Mustermann","iban":"%s","country":"DE"}},
                 {"externalRef":"ext-002","beneficiary":{"name":"Max","iban":"%s","country":"DE"}},
                 {"quoteId":"%s","externalRef":"ext-003","beneficiary":{"name":"Jan","iban":"NL91ABNA0417164301","country":"NL"}}]"""
                .formatted(quoteId, COMPLETES_DE, COMPLETES_DE, otherQuote));

        // Then each payment has its own result, and only the first was made
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode items = created.json().path("payments");
        assertThat(items.get(0).path("result").asText()).isEqualTo("created");
        assertThat(items.get(1).path("error").path("errorCodes").get(0).asText()).isEqualTo("quote_id_required");
        assertThat(items.get(2).path("error").path("errorCodes").get(0).asText()).isEqualTo("beneficiary_iban_invalid");
        JsonNode payment = items.get(0).path("payment");
        String id = payment.path("id").asText();
        assertThat(payment.path("quoteId").asText()).isEqualTo(quoteId);
        assertThat(payment.path("externalRef").asText()).isEqualTo("ext-001");
        assertThat(payment.path("targetAmount").asLong()).isEqualTo(quote.json().path("targetAmount").asLong());

        // When the merchant retries the same request, nothing new is created
        Api.Reply retried = api.post("/api/v1/payments", "{\"payments\":[{\"quoteId\":\"%s\",\"externalRef\":\"ext-001\"}]}".formatted(quoteId));
        assertThat(retried.json().path("payments").get(0).path("result").asText()).isEqualTo("existing");
        assertThat(retried.json().path("payments").get(0).path("payment").path("id").asText()).isEqualTo(id);

        // And the rail completes the payment, which reads back completed
        till.gateway().jobs().runNow("payout-rail");
        till.clock().advance(Duration.ofMinutes(1));
        till.gateway().jobs().runNow("payout-rail");
        Api.Reply read = api.get("/api/v1/payments/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("completed");
        assertThat(read.json().path("beneficiary").path("iban").asText()).isEqualTo(COMPLETES_DE);

        // And its events wait in the outbox for subscribers
        List<Event> events = till.gateway().services().jdbi().withHandle(
                h -> new EventStore(h).forObject(m.merchant().merchantId(), id));
        assertThat(events).extracting(Event::type).containsExactly("payout.created", "payout.completed");
        JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(events.get(1).data());
        assertThat(data.path("external_ref").asText()).isEqualTo("ext-001");
        assertThat(data.path("status").asText()).isEqualTo("completed");
        ledgerAddsUp(till);

        // And the subscriber receives them as webhooks
        till.gateway().jobs().runNow("webhook-delivery");
        receiver.stop(0);
        assertThat(hooks).extracting(h -> h.path("type").asText()).contains("payout.created", "payout.completed");
        assertThat(hooks).allSatisfy(h -> assertThat(h.path("data").path("id").asText()).startsWith("po_"));
    }

    @Test
    void a_batch_that_is_not_an_array_of_payments_is_refused() {
        Api api = till.api();
        assertThat(api.post("/api/v1/payments", "[]").status()).isEqualTo(422);
        assertThat(api.post("/api/v1/payments", "{\"payments\":{}}").status()).isEqualTo(422);
        assertThat(api.post("/api/v1/payments", "[{\"quoteId\":5}]").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/payments/po_unknown").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/payments/quote", "{\"currency\":\"EUR\",\"country\":\"XX\",\"sourceAmount\":100}").status())
                .isEqualTo(422);
        // A failed payout reads back failed in the seed's shape too
        credit(api, "USD", 100_00);
        String q = api.post("/api/v1/payments/quote", "{\"currency\":\"EUR\",\"country\":\"NL\",\"sourceAmount\":1000}").text("id");
        String id = api.post("/api/v1/payments", """
                [{"quoteId":"%s","externalRef":"nl-1","beneficiary":{"name":"Jan","iban":"%s","country":"NL"}}]"""
                .formatted(q, FAILS_NL)).json().path("payments").get(0).path("payment").path("id").asText();
        till.gateway().jobs().runNow("payout-rail");
        till.clock().advance(Duration.ofMinutes(1));
        till.gateway().jobs().runNow("payout-rail");
        assertThat(api.get("/api/v1/payments/" + id).text("failureCode")).isEqualTo("beneficiary_bank_rejected");
    }
}
