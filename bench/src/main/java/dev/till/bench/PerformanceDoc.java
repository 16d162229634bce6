package dev.till.bench;

import java.time.Instant;

/** The text of docs/performance.md around the latest table. */
final class PerformanceDoc {
    private PerformanceDoc() {}

    static String render(String table, String targets, String command, Instant when) {
        return """
                # Performance

                Measured by the project's benchmark (`bench/`), never by timed assertions in tests. Each run
                starts Till as its own process on a fresh embedded PostgreSQL with durability on (`fsync` and
                `synchronous_commit` as PostgreSQL ships them), creates a merchant with the real CLI, subscribes
                a loopback webhook endpoint, and drives each scenario from virtual-thread clients over
                keep-alive HTTP/1.1. Both ends of the load generator speak HTTP on plain sockets, since it
                shares the two cores with the gateway: the JDK's `HttpClient` cost about twice the CPU per
                request, and its `HttpServer`, as the webhook receiver, about an eighth of one core in
                authorize at 64 clients. Before the first row every scenario runs side by side,
                unmeasured, for `--jit-warmup` seconds, and its webhook backlog drains: on two cores the
                server's C2 compiler otherwise takes a fifth to a third of the gateway's CPU for about four
                minutes. Then each scenario runs alone for 30 s before its first row, since C2 reshapes the
                code it compiled for the mix. Each row has its own warm-up, starts once the previous row's
                webhooks have arrived, and measures a fixed window. Latencies are per HTTP call
                (HdrHistogram). The gateway's RSS (from `/proc`, every 0.5 s) and heap (from `/metrics`, every
                2 s) are sampled throughout the run, warm-ups included, so that the scrape is no new request
                in a window; each row reports the largest values seen during its window.

                Right after each gateway run, at the same concurrency and against the same PostgreSQL, a raw
                JDBC client performs the same durable writes per operation (the same number of rows, counted
                from PostgreSQL's own statistics, of similar width) in one transaction, as one multi-row
                statement, connected as the gateway is (over the embedded PostgreSQL's Unix-domain socket).
                That is the storage ceiling; `% of ceiling` compares Till against it. Absolute
                figures drift between runs on shared machines; the ratio is what to compare. The last three
                columns are CPU milliseconds per operation over the same window, from `/proc`: the gateway's
                process, PostgreSQL's processes (background workers included), and PostgreSQL's per ceiling
                transaction. They move less than throughput when a neighbour takes the cores (the
                gateway's by a few percent, PostgreSQL's by up to a fifth), so they are the figures to
                compare between two versions of Till.

                Scenarios: `authorize` is a card-on-file `POST /payments` with a `src_` source, auto-capture and
                a unique `Cko-Idempotency-Key`; `checkout` is `POST /tokens`, `POST /payments` with
                `capture:false`, then `POST /payments/{id}/captures` (ops/s counts whole flows); `read` is
                `GET /payments/{id}`; `mixed` is 70% authorize, 20% read, 10% refund.

                Reproduce with:

                ```
                {command}
                ```

                Each run's gateway and PostgreSQL live in a fresh temporary directory, deleted when the
                run ends; a failed run keeps it (with the gateway's `till.log`), and so does any run with
                `TILL_BENCH_KEEP_DATA=true`.

                Latest run ({when}, 2 cores, 24 GiB):

                {table}
                ![throughput and p99 against concurrency](performance.png)

                The targets of the benchmark's issue (#8), checked against this run:

                {targets}
                The last column puts each target in this run's terms. The clients send their next request
                as soon as the reply comes, so by Little's law an HTTP call's mean latency is the number of
                clients divided by the throughput. A p99 of at most T needs a mean of about T or less, so
                it needs at least clients ÷ T calls a second: a latency target here is a throughput
                target. Checkout's ceiling is PostgreSQL alone writing a flow's rows, in one statement
                per flow.

                What the profile shows, what stands in the way of the targets not met, and what to do
                next: `docs/hot-path.md`.
                """.replace("{command}", command).replace("{when}", when.toString()).replace("{table}", table)
                .replace("{targets}", targets);
    }
}
