package dev.till.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Writes the results: a JSON file, a table on stdout, a PNG chart, and optionally docs/performance.md. */
final class Report {
    private Report() {}

    static final String HEADER = "| scenario | clients | ops/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | ceiling ops/s | % of ceiling | rows/op | RSS MiB | heap MiB | webhook lag p99 ms | gateway CPU ms/op | PG CPU ms/op | ceiling PG CPU ms/op |";

    static String line(Row r) {
        return String.format("| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %.0f | %.0f%% | %.1f | %d | %d | %s | %s | %s | %s |",
                r.scenario(), r.clients(), r.opsPerSecond(), r.p50(), r.p90(), r.p99(), r.p999(), r.max(), r.errors(),
                r.ceilingOpsPerSecond(), r.percentOfCeiling(), r.rowsPerOp(), r.serverRssMiB(), r.serverHeapMiB(),
                r.webhookLagP99Ms() < 0 ? "n/a" : String.format("%.0f", r.webhookLagP99Ms()),
                cpu(r.gatewayCpuMsPerOp()), cpu(r.postgresCpuMsPerOp()), cpu(r.ceilingPostgresCpuMsPerOp()));
    }

    private static String cpu(double msPerOp) {
        return msPerOp < 0 ? "n/a" : String.format("%.2f", msPerOp);
    }

    static void write(List<Row> rows, Options o, Instant ranAt) throws IOException {
        Files.createDirectories(o.out());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().resolve("results.json").toFile(), rows);
        StringBuilder table = new StringBuilder(HEADER).append('\n').append("|---".repeat(18)).append("|\n");
        for (Row r : rows) table.append(line(r)).append('\n');
        System.out.println();
        System.out.print(table);
        System.out.print("\n" + Targets.table(rows));
        Path chart = o.out().resolve("performance.png");
        chart(rows, chart);
        System.out.println("\nWrote " + o.out().resolve("results.json") + " and " + chart);
        if (o.writeDocs()) {
            Files.createDirectories(Path.of("docs"));
            Files.copy(chart, Path.of("docs/performance.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String command = "./till bench --scenario " + String.join(",", o.scenarios()) + " --clients "
                    + String.join(",", o.clients().stream().map(String::valueOf).toList()) + " --seconds " + o.seconds()
                    + " --warmup " + o.warmup() + " --jit-warmup " + o.jitWarmup() + " --write-docs";
            Files.writeString(Path.of("docs/performance.md"),
                    PerformanceDoc.render(table.toString(), Targets.table(rows), command, ranAt));
            System.out.println("Updated docs/performance.md");
        }
    }

    private static void chart(List<Row> rows, Path file) throws IOException {
        XYSeriesCollection throughput = new XYSeriesCollection();
        XYSeriesCollection p99 = new XYSeriesCollection();
        for (String scenario : rows.stream().map(Row::scenario).distinct().toList()) {
            XYSeries t = new XYSeries(scenario + " ops/s");
            XYSeries l = new XYSeries(scenario + " p99 ms");
            rows.stream().filter(r -> r.scenario().equals(scenario)).forEach(r -> {
                t.add(r.clients(), r.opsPerSecond());
                l.add(r.clients(), r.p99());
            });
            throughput.addSeries(t);
            p99.addSeries(l);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Till: throughput and p99 latency against concurrency",
                "concurrent clients", "operations per second", throughput, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(1, new NumberAxis("p99 latency (ms)"));
        plot.setDataset(1, p99);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer dashed = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < p99.getSeriesCount(); i++) {
            dashed.setSeriesStroke(i, new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        plot.setRenderer(1, dashed);
        plot.setRenderer(0, new XYLineAndShapeRenderer(true, true));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 600);
    }
}
