package dev.till.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The issue's targets, checked against a run's rows, as a table for docs/performance.md and stdout. */
final class Targets {
    private Targets() {}

    static String table(List<Row> rows) {
        List<String> lines = new ArrayList<>(List.of("| target | measured | met | what it takes in this run |", "|---|---|---|---|"));
        row(rows, "authorize", 64).ifPresent(r -> {
            lines.add(line("authorize at 64 clients: at least 60% of the ceiling", pct(r.percentOfCeiling()), r.percentOfCeiling() >= 60,
                    String.format("%,.0f authorizes/s", 0.6 * r.ceilingOpsPerSecond())));
            lines.add(line("authorize at 64 clients: p99 at most 50 ms", ms(r.p99()), r.p99() <= 50, throughputFor(r, 50)));
        });
        row(rows, "authorize", 8).ifPresent(r ->
                lines.add(line("authorize at 8 clients: p99 at most 10 ms", ms(r.p99()), r.p99() <= 10, throughputFor(r, 10))));
        List<Row> checkout = rows.stream().filter(r -> r.scenario().equals("checkout")).toList();
        checkout.stream().mapToDouble(Row::opsPerSecond).max().ifPresent(best -> {
            double ceiling = checkout.stream().mapToDouble(Row::ceilingOpsPerSecond).max().orElse(0);
            lines.add(line("checkout: at least 1,500 flows per second", String.format("%.0f flows/s at best", best), best >= 1500,
                    String.format("%.0f%% of checkout's best ceiling (%,.0f flows/s)", 100 * 1500 / ceiling, ceiling)));
        });
        long errors = rows.stream().mapToLong(Row::errors).sum();
        lines.add(line("zero errors", Long.toString(errors), errors == 0, ""));
        long heap = rows.stream().mapToLong(Row::serverHeapMiB).max().orElse(0);
        long rss = rows.stream().mapToLong(Row::serverRssMiB).max().orElse(0);
        lines.add(line("server heap at most 512 MiB, RSS at most 1 GiB", heap + " MiB heap, " + rss + " MiB RSS",
                heap <= 512 && rss <= 1024, ""));
        List<Row> withLag = rows.stream().filter(r -> r.webhookLagP99Ms() > 0).toList();
        Predicate<Row> keepsUp = r -> r.webhookLagP99Ms() < 2000;
        String lagging = String.join(", ", withLag.stream().filter(keepsUp.negate())
                .map(r -> r.scenario() + "@" + r.clients()).toList());
        lines.add(line("webhook lag p99 under 2 s throughout", lagging.isEmpty() ? "every row" : "over 2 s at " + lagging,
                lagging.isEmpty(), ""));
        return String.join("\n", lines) + "\n";
    }

    /**
     * A latency target in throughput terms. Each client sends its next request when the reply
     * comes, so by Little's law the mean latency is clients ÷ throughput, and a p99 of at most
     * {@code p99Ms} needs at least clients ÷ {@code p99Ms} operations a second.
     */
    private static String throughputFor(Row r, double p99Ms) {
        double needed = r.clients() / (p99Ms / 1000);
        return String.format("at least %,.0f authorizes/s (%d clients ÷ %.0f ms): %.0f%% of the ceiling",
                needed, r.clients(), p99Ms, 100 * needed / r.ceilingOpsPerSecond());
    }

    private static Optional<Row> row(List<Row> rows, String scenario, int clients) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.clients() == clients).findFirst();
    }

    private static String line(String target, String measured, boolean met, String takes) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "no") + " | " + takes + " |";
    }

    private static String pct(double v) {
        return String.format("%.0f%%", v);
    }

    private static String ms(double v) {
        return String.format("%.1f ms", v);
    }
}
