package dev.till.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used so far by the gateway's process and by PostgreSQL (the postmaster, its live
 * children and the children it has reaped), in milliseconds, from {@code /proc}. CPU per operation
 * drifts less than operations per second on a shared machine: a noisy neighbour mostly takes cores
 * away rather than making a statement cost more. Returns -1 where {@code /proc} is not there.
 */
final class CpuMeter {
    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    private final long gatewayPid;
    private final Path postmasterPid;

    CpuMeter(long gatewayPid, Path postmasterPid) {
        this.gatewayPid = gatewayPid;
        this.postmasterPid = postmasterPid;
    }

    record Reading(double gatewayMs, double postgresMs) {
        /** CPU milliseconds per operation since {@code before}, or -1 when unknown. */
        double gatewayPerOp(Reading before, long ops) {
            return gatewayMs < 0 || before.gatewayMs < 0 || ops == 0 ? -1 : (gatewayMs - before.gatewayMs) / ops;
        }

        double postgresPerOp(Reading before, long ops) {
            return postgresMs < 0 || before.postgresMs < 0 || ops == 0 ? -1 : (postgresMs - before.postgresMs) / ops;
        }
    }

    Reading read() {
        return new Reading(ticks(gatewayPid, false) * TICK_MS, postgresTicks() * TICK_MS);
    }

    private double postgresTicks() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(postmasterPid).getFirst().trim());
            double total = ticks(postmaster, true);
            if (total < 0) return -1;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) continue;
                    List<String> stat = stat(Long.parseLong(name));
                    if (stat == null || Long.parseLong(stat.get(1)) != postmaster) continue;
                    total += Long.parseLong(stat.get(11)) + Long.parseLong(stat.get(12));
                }
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (and, with {@code reaped}, cutime + cstime) of one process, in ticks; -1 if gone. */
    private static double ticks(long pid, boolean reaped) {
        List<String> f = stat(pid);
        if (f == null) return -1;
        long t = Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
        if (reaped) t += Long.parseLong(f.get(13)) + Long.parseLong(f.get(14));
        return t;
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, ... (utime is index 11). */
    private static List<String> stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return List.of(s.substring(s.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
