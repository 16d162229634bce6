package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.merchants.NewMerchant;
import dev.till.server.Config;
import dev.till.server.Gateway;
import dev.till.testkit.Api;
import dev.till.testkit.ContractCheck;
import dev.till.testkit.TestClock;
import dev.till.testkit.TestPostgres;
import dev.till.testkit.TestDirs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of captures, voids, refunds and expiries, some of them racing, against a real
 * Till over HTTP and a deliberately simple model. After every step Till must agree with the model,
 * and captured ≤ authorized, refunded ≤ captured must hold. A fixed seed keeps the run repeatable.
 */
class PaymentInvariantsTest {
    static Gateway gateway;
    static final TestClock clock = new TestClock();
    static final ContractCheck contract = new ContractCheck();
    static NewMerchant merchant;
    static Api api;

    @BeforeContainer
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TILL_PORT", "0", "TILL_HOST", "127.0.0.1", "TILL_ALLOW_NON_DURABLE", "true",
                "TILL_BOOTSTRAP_MERCHANT", "false", "TILL_RUN_JOBS", "false", "TILL_DB_POOL_SIZE", "8"));
        env.put("TILL_RATE_LIMIT_READS", "0");
        env.put("TILL_RATE_LIMIT_WRITES", "0");
        env.put("DATABASE_URL", TestPostgres.newDatabase());
        env.put("TILL_DATA_DIR", TestDirs.create("till-props").toString());
        gateway = Gateway.start(Config.fromEnv(env), clock, new Random(1234), Optional.of(contract));
        merchant = gateway.services().merchants().create("Property merchant", true);
        api = new Api("http://127.0.0.1:" + gateway.port(), merchant.secretKey());
    }

    @AfterContainer
    static void stop() {
        if (gateway != null) gateway.close();
        assertThat(contract.violations()).isEmpty();
    }

    sealed interface Op {}
    record Capture(long amount, boolean finalCapture) implements Op {}
    record Void() implements Op {}
    record Refund(long amount) implements Op {}
    record Expire() implements Op {}
    record RacingCaptures(int count, long amount) implements Op {}
    record RacingRefunds(int count, long amount) implements Op {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 120_00);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, net.jqwik.api.Combinators.combine(amount, Arbitraries.of(true, false)).as(Capture::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Void())),
                net.jqwik.api.Tuple.of(4, amount.map(Refund::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Expire())),
                net.jqwik.api.Tuple.of(2, net.jqwik.api.Combinators.combine(Arbitraries.integers().between(2, 6), amount.map(a -> a / 4 + 1)).as(RacingCaptures::new)),
                net.jqwik.api.Tuple.of(2, net.jqwik.api.Combinators.combine(Arbitraries.integers().between(2, 6), amount.map(a -> a / 4 + 1)).as(RacingRefunds::new)));
        return op.list().ofMinSize(1).ofMaxSize(7);
    }

    @Provide
    Arbitrary<Long> authorizations() {
        return Arbitraries.longs().between(1, 400).map(a -> a * 100); // whole units: no sandbox decline suffix
    }

    @Property(tries = 60, seed = "20260115")
    void money_invariants_never_break(@ForAll("authorizations") long authorized, @ForAll("operations") List<Op> ops) throws Exception {
        String id = authorize(authorized);
        Model model = new Model(authorized);
        for (Op op : ops) {
            switch (op) {
                case Capture c -> assertThat(capture(id, c.amount(), c.finalCapture())).isEqualTo(model.capture(c.amount(), c.finalCapture()));
                case Void v -> assertThat(api.post("/payments/" + id + "/voids", null).status()).isEqualTo(model.voidIt());
                case Refund r -> assertThat(refund(id, r.amount())).isEqualTo(model.refund(r.amount()));
                case Expire e -> {
                    clock.advance(Duration.ofDays(8));
                    gateway.jobs().runNow("payments-expire-authorizations");
                    model.expire();
                }
                case RacingCaptures rc -> {
                    List<Integer> statuses = race(rc.count(), () -> capture(id, rc.amount(), false));
                    List<Integer> expected = new ArrayList<>();
                    for (int i = 0; i < rc.count(); i++) expected.add(model.capture(rc.amount(), false));
                    assertThat(statuses).containsExactlyInAnyOrderElementsOf(expected);
                }
                case RacingRefunds rr -> {
                    List<Integer> statuses = race(rr.count(), () -> refund(id, rr.amount()));
                    List<Integer> expected = new ArrayList<>();
                    for (int i = 0; i < rr.count(); i++) expected.add(model.refund(rr.amount()));
                    assertThat(statuses).containsExactlyInAnyOrderElementsOf(expected);
                }
            }
            check(id, model);
        }
    }

    private static void check(String id, Model model) {
        JsonNode p = api.get("/payments/" + id).json();
        JsonNode b = p.path("balances");
        assertThat(p.path("status").asText()).isEqualTo(model.status);
        assertThat(b.path("total_authorized").asLong()).isEqualTo(model.authorized);
        assertThat(b.path("total_captured").asLong()).isEqualTo(model.captured).isLessThanOrEqualTo(model.authorized);
        assertThat(b.path("total_refunded").asLong()).isEqualTo(model.refunded).isLessThanOrEqualTo(model.captured);
        assertThat(b.path("total_voided").asLong()).isEqualTo(model.released);
        long capturedByActions = 0;
        long refundedByActions = 0;
        for (JsonNode a : api.get("/payments/" + id + "/actions").json()) {
            if (!a.path("approved").asBoolean()) continue;
            if (a.path("type").asText().equals("Capture")) capturedByActions += a.path("amount").asLong();
            if (a.path("type").asText().equals("Refund")) refundedByActions += a.path("amount").asLong();
        }
        assertThat(capturedByActions).isEqualTo(model.captured);
        assertThat(refundedByActions).isEqualTo(model.refunded);
    }

    /** The rules, written out plainly and independently of the domain's state machine. */
    static final class Model {
        final long authorized;
        long captured;
        long refunded;
        long released;
        String status = "Authorized";

        Model(long authorized) {
            this.authorized = authorized;
        }

        long uncaptured() {
            return authorized - captured - released;
        }

        int capture(long amount, boolean finalCapture) {
            if (!status.equals("Authorized") && !status.equals("Partially Captured")) return 403;
            if (amount > uncaptured()) return 422;
            captured += amount;
            if (finalCapture) released += uncaptured();
            status = uncaptured() == 0 ? "Captured" : "Partially Captured";
            return 202;
        }

        int voidIt() {
            if (!status.equals("Authorized")) return 403;
            released += uncaptured();
            status = "Voided";
            return 202;
        }

        int refund(long amount) {
            if (!List.of("Partially Captured", "Captured", "Partially Refunded").contains(status)) return 403;
            if (amount > captured - refunded) return 422;
            released += uncaptured();
            refunded += amount;
            status = refunded == captured ? "Refunded" : "Partially Refunded";
            return 202;
        }

        void expire() {
            if (!status.equals("Authorized")) return;
            released += uncaptured();
            status = "Expired";
        }
    }

    private static String authorize(long amount) {
        Api.Reply token = api.withKey(merchant.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2035,\"cvv\":\"100\"}");
        Api.Reply payment = api.post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token.text("token")
                + "\"},\"amount\":" + amount + ",\"currency\":\"USD\",\"capture\":false}");
        assertThat(payment.text("status")).as(payment.body()).isEqualTo("Authorized");
        return payment.text("id");
    }

    private static int capture(String id, long amount, boolean finalCapture) {
        return api.post("/payments/" + id + "/captures",
                "{\"amount\":" + amount + ",\"capture_type\":\"" + (finalCapture ? "Final" : "NonFinal") + "\"}").status();
    }

    private static int refund(String id, long amount) {
        return api.post("/payments/" + id + "/refunds", "{\"amount\":" + amount + "}").status();
    }

    private static List<Integer> race(int count, Callable<Integer> call) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) calls.add(call);
        List<Integer> out = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(count)) {
            for (Future<Integer> f : pool.invokeAll(calls)) out.add(f.get());
        }
        return out;
    }
}
