package dev.till.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * {@code ./till bench}: starts Till as its own process on a fresh, durable embedded PostgreSQL,
 * drives each scenario at each concurrency from virtual-thread clients over keep-alive HTTP, then
 * measures the storage ceiling in the same run at the same concurrency, and reports throughput,
 * latency percentiles, the ratio to the ceiling, memory and webhook lag. Any error fails the run.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options options = Options.parse(args);
        if (options.reportOnly()) {
            List<Row> saved = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    options.out().resolve("results.json").toFile(), new com.fasterxml.jackson.core.type.TypeReference<List<Row>>() {});
            Report.write(saved, options, java.nio.file.Files.getLastModifiedTime(options.out().resolve("results.json")).toInstant());
            return;
        }
        Path jar = Path.of("server/target/till.jar");
        List<Row> rows = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver(); TillProcess till = TillProcess.start(jar);
             MemoryProbe memory = new MemoryProbe(till)) {
            try {
                measureAll(options, till, receiver, rows, memory);
            } catch (Exception | Error failed) {
                till.keepData = true; // its till.log says why
                throw failed;
            }
        }
        Report.write(rows, options, java.time.Instant.now());
        if (rows.stream().anyMatch(r -> r.errors() > 0)) {
            System.err.println("bench: errors occurred; the run fails");
            System.exit(1);
        }
    }

    /** Sets up the merchant, card and webhook endpoint, warms the JIT up, then measures every row. */
    private static void measureAll(Options options, TillProcess till, WebhookReceiver receiver, List<Row> rows,
                                   MemoryProbe memory) throws Exception {
        Client client = new Client(till.baseUrl(), till.secretKey, till.publishableKey);
        JsonNode hook = client.post("/webhooks", "{\"url\":\"" + receiver.url() + "\"}");
        boolean webhooks = !hook.isMissingNode();
        if (!webhooks) System.out.println("note: POST /webhooks failed (" + client.lastError + "); webhook lag not measured");
        client.errors.set(0);

        JsonNode first = client.payWithToken(client.token(), true);
        String sourceId = first.path("source").path("id").asText();
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < 200; i++) payments.add(client.payWithSource(sourceId, true).path("id").asText());
        if (client.errors.get() > 0) throw new IllegalStateException("setup failed: " + client.lastError);

        if (options.jitWarmup() > 0) {
            System.out.println("JIT warm-up: " + options.jitWarmup() + " s of every scenario at once, not measured");
            warmUpJit(options.jitWarmup(), client, sourceId, payments);
            client.errors.set(0);
            // The warm-up saturates the machine and leaves a webhook backlog of minutes' worth.
            if (webhooks) awaitDelivered(receiver, 600);
        }

        Ceiling ceiling = new Ceiling(till.postgresUrl());
        for (String name : options.scenarios()) {
            if (options.jitWarmup() > 0) {
                warmUpScenario(name, client, sourceId, payments);
                client.errors.set(0);
            }
            for (int clients : options.clients()) {
                if (webhooks) awaitDelivered(receiver, 120);
                rows.add(measure(name, clients, options, till, client, receiver, webhooks, ceiling, memory,
                        new Scenario(name, client, sourceId, payments)));
                System.out.println(Report.line(rows.getLast()));
                if (rows.getLast().errors() > 0) System.out.println("  last error: " + client.lastError);
            }
        }
        if (rows.stream().anyMatch(r -> r.errors() > 0)) till.keepData = true;
    }

    /**
     * The server's JIT needs tens of thousands of requests before C2 has compiled the hot path;
     * on two cores its compiler threads take a third of the CPU for over a minute, so without this
     * the first rows would measure the compiler. Every scenario runs side by side, 8 clients each.
     */
    private static void warmUpJit(int seconds, Client client, String sourceId, List<String> payments) throws InterruptedException {
        runUnmeasured(Options.ALL.stream().map(name -> new Scenario(name, client, sourceId, payments)).toList(), 8, seconds);
    }

    /**
     * After the side-by-side warm-up, a scenario run alone still set C2 recompiling: about 240
     * compilations in the first 20 s of an authorize row, against a few dozen once it had run alone
     * for a while (session 11): code compiled for the mix is reshaped for the one request. So each
     * scenario first runs alone, unmeasured, at 32 clients.
     */
    private static void warmUpScenario(String name, Client client, String sourceId, List<String> payments)
            throws InterruptedException {
        System.out.println("warm-up: " + SCENARIO_WARMUP_SECONDS + " s of " + name + " alone, not measured");
        runUnmeasured(List.of(new Scenario(name, client, sourceId, payments)), 32, SCENARIO_WARMUP_SECONDS);
    }

    private static final int SCENARIO_WARMUP_SECONDS = 30;

    /** Runs each scenario on {@code clientsEach} virtual-thread clients for {@code seconds}, then waits for them. */
    private static void runUnmeasured(List<Scenario> scenarios, int clientsEach, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (int i = 0; i < clientsEach; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) scenario.run();
                }));
            }
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) t.join();
    }

    /**
     * Waits (at most {@code maxSeconds}) until no webhook has arrived for two seconds, so that a
     * row's lag is its own and not the backlog of what ran before.
     */
    private static void awaitDelivered(WebhookReceiver receiver, int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long seen = -1;
        while (System.nanoTime() < deadline) {
            long now = receiver.received.get();
            if (now == seen) return;
            seen = now;
            Thread.sleep(2000);
        }
    }

    private static Row measure(String name, int clients, Options o, TillProcess till, Client client, WebhookReceiver receiver,
                               boolean webhooks, Ceiling ceiling, MemoryProbe memory, Scenario scenario) throws Exception {
        client.errors.set(0);
        long rowsBefore = ceiling.rowsWritten();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicLong allOps = new AtomicLong();
        AtomicLong countedOps = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    scenario.run();
                    allOps.incrementAndGet();
                    if (counting.get()) countedOps.incrementAndGet();
                }
            }));
        }
        Thread.sleep(o.warmup() * 1000L);
        client.latency.reset();
        receiver.lagMillis.reset();
        long receivedBefore = receiver.received.get();
        client.recording = true;
        counting.set(true);
        CpuMeter cpu = till.cpu();
        CpuMeter.Reading cpuBefore = cpu.read();
        long start = System.nanoTime();
        memory.reset();
        Thread.sleep(o.seconds() * 1000L);
        counting.set(false);
        client.recording = false;
        CpuMeter.Reading cpuAfter = cpu.read();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : threads) t.join();
        Histogram latency = client.latency.getIntervalHistogram();
        Thread.sleep(2000); // let deliveries of the window's events arrive before reading the lag
        Histogram lag = receiver.lagMillis.getIntervalHistogram();
        long rowsPerOpTotal = ceiling.rowsWritten() - rowsBefore;
        double rowsPerOp = allOps.get() == 0 ? 0 : (double) rowsPerOpTotal / allOps.get();
        Ceiling.Result limit = ceiling.measure(clients, o.warmup(), o.seconds(), Math.max(1, (int) Math.round(rowsPerOp)), cpu);
        double ops = countedOps.get() / elapsed;
        return new Row(name, clients, ops, countedOps.get(), client.errors.get(),
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)), ms(latency.getValueAtPercentile(99)),
                ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()),
                limit.opsPerSecond(), 100 * ops / limit.opsPerSecond(), rowsPerOp,
                memory.maxRssBytes() / (1024 * 1024), memory.maxHeapBytes() / (1024 * 1024),
                webhooks ? lag.getValueAtPercentile(99) : -1, receiver.received.get() - receivedBefore,
                cpuAfter.gatewayPerOp(cpuBefore, countedOps.get()), cpuAfter.postgresPerOp(cpuBefore, countedOps.get()),
                limit.postgresCpuMsPerOp());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
