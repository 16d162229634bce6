package dev.till.bench;

/**
 * One measured (scenario, concurrency) cell of the report. Latencies in milliseconds; CPU in
 * milliseconds per operation over the measured window (-1 when unknown), the ceiling's per ceiling
 * transaction.
 */
record Row(String scenario, int clients, double opsPerSecond, long operations, long errors,
           double p50, double p90, double p99, double p999, double max,
           double ceilingOpsPerSecond, double percentOfCeiling, double rowsPerOp,
           long serverRssMiB, long serverHeapMiB, double webhookLagP99Ms, long webhooksReceived,
           double gatewayCpuMsPerOp, double postgresCpuMsPerOp, double ceilingPostgresCpuMsPerOp) {}
