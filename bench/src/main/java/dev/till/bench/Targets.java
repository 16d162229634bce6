package dev.till.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The issue's targets, checked against a run's rows, as a table for docs/performance.md and stdout. */
final class Targets {
    private Targets() {}

    static String table(List<Row> rows) {
        List<String> lines = new ArrayList<>(List.of("| target | measured | met |", "|---|---|---|"));
        row(rows, "authorize", 64).ifPresent(r -> {
            lines.add(line("authorize at 64 clients: at least 60% of the ceiling", pct(r.percentOfCeiling()), r.percentOfCeiling() >= 60));
            lines.add(line("authorize at 64 clients: p99 at most 50 ms", ms(r.p99()), r.p99() <= 50));
        });
        row(rows, "authorize", 8).ifPresent(r ->
                lines.add(line("authorize at 8 clients: p99 at most 10 ms", ms(r.p99()), r.p99() <= 10)));
        rows.stream().filter(r -> r.scenario().equals("checkout")).mapToDouble(Row::opsPerSecond).max().ifPresent(best ->
                lines.add(line("checkout: at least 1,500 flows per second", String.format("%.0f flows/s at best", best), best >= 1500)));
        long errors = rows.stream().mapToLong(Row::errors).sum();
        lines.add(line("zero errors", Long.toString(errors), errors == 0));
        long heap = rows.stream().mapToLong(Row::serverHeapMiB).max().orElse(0);
        long rss = rows.stream().mapToLong(Row::serverRssMiB).max().orElse(0);
        lines.add(line("server heap at most 512 MiB, RSS at most 1 GiB", heap + " MiB heap, " + rss + " MiB RSS", heap <= 512 && rss <= 1024));
        List<Row> withLag = rows.stream().filter(r -> r.webhookLagP99Ms() > 0).toList();
        Predicate<Row> keepsUp = r -> r.webhookLagP99Ms() < 2000;
        String lagging = String.join(", ", withLag.stream().filter(keepsUp.negate())
                .map(r -> r.scenario() + "@" + r.clients()).toList());
        lines.add(line("webhook lag p99 under 2 s throughout", lagging.isEmpty() ? "every row" : "over 2 s at " + lagging,
                lagging.isEmpty()));
        return String.join("\n", lines) + "\n";
    }

    private static Optional<Row> row(List<Row> rows, String scenario, int clients) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.clients() == clients).findFirst();
    }

    private static String line(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "no") + " |";
    }

    private static String pct(double v) {
        return String.format("%.0f%%", v);
    }

    private static String ms(double v) {
        return String.format("%.1f ms", v);
    }
}
