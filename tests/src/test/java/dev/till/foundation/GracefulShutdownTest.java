package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.server.Config;
import dev.till.server.Gateway;
import dev.till.testkit.Api;
import dev.till.testkit.TestClock;
import dev.till.testkit.TestPostgres;
import dev.till.testkit.TestDirs;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping the gateway lets a request already in flight finish instead of cutting it off. */
class GracefulShutdownTest {

    @Test
    void a_payment_in_flight_when_the_gateway_stops_still_gets_its_answer() throws Exception {
        Config config = Config.fromEnv(Map.of("DATABASE_URL", TestPostgres.newDatabase(), "TILL_PORT", "0",
                "TILL_HOST", "127.0.0.1", "TILL_RUN_JOBS", "false", "TILL_ALLOW_NON_DURABLE", "true",
                "TILL_BOOTSTRAP_MERCHANT", "false", "TILL_DATA_DIR", TestDirs.create("till-drain").toString()));
        Gateway gateway = Gateway.start(config, new TestClock(), new Random(5), Optional.empty());
        NewMerchant m = gateway.services().merchants().create("Drain", true);
        Api api = new Api("http://127.0.0.1:" + gateway.port(), m.secretKey());

        // Given a payment on the simulator's slow card (it answers after 0.5 s)
        CompletableFuture<Api.Reply> slow = CompletableFuture.supplyAsync(() -> api.post("/payments",
                "{\"source\":{\"type\":\"card\",\"number\":\"4000000000003048\",\"expiry_month\":12,\"expiry_year\":2031,"
                        + "\"cvv\":\"100\"},\"amount\":1000,\"currency\":\"USD\"}"));
        while (gateway.inFlightRequests() == 0 && !slow.isDone()) Thread.onSpinWait();

        // When the gateway is stopped while it waits for the network
        gateway.close();

        // Then the payment still completes and its answer arrives
        Api.Reply reply = slow.get();
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("Authorized");
    }
}
