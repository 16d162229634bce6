package dev.till.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Command-line options of {@code ./till bench}. */
record Options(List<String> scenarios, List<Integer> clients, int seconds, int warmup, int jitWarmup, Path out,
               boolean writeDocs, boolean reportOnly) {

    static final List<String> ALL = List.of("authorize", "checkout", "read", "mixed");

    static Options parse(String[] args) {
        List<String> scenarios = ALL;
        List<Integer> clients = List.of(1, 8, 32, 64);
        int seconds = 10, warmup = 10;
        int jitWarmup = 300; // once, before the first row: at 180 s C2 still took 8-10% of the gateway during the first rows
        Path out = Path.of("bench/results");
        boolean docs = false, reportOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--scenario" -> scenarios = args[++i].equals("all") ? ALL : Arrays.asList(args[i].split(","));
                case "--clients" -> clients = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--jit-warmup" -> jitWarmup = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--write-docs" -> docs = true;
                case "--report-only" -> reportOnly = true; // rewrite the report from <out>/results.json, no run
                case "--help", "-h" -> {
                    System.out.println("""
                            ./till bench [--scenario authorize,checkout,read,mixed|all] [--clients 1,8,32,64]
                                         [--seconds 10] [--warmup 10] [--jit-warmup 300]
                                         [--out bench/results] [--write-docs] [--report-only]""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        for (String s : scenarios) if (!ALL.contains(s)) throw new IllegalArgumentException("unknown scenario " + s);
        return new Options(scenarios, clients, seconds, warmup, jitWarmup, out, docs, reportOnly);
    }
}
