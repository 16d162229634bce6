package dev.till.core.ledger;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where a merchant's payouts, orders' refunds and April's refunds wait their turn on this node,
 * before they take a database connection (the payments API's refunds queue for their group writer
 * instead, which holds one connection: PaymentGroups). A debit holds its merchant's balance lock
 * (per currency, {@link Ledger#lock}) from its balance check until it commits, so one merchant's
 * debits run one after another whatever we do; waiting for that lock inside PostgreSQL, each also held one of the pool's connections. A
 * burst of one merchant's refunds then took the whole pool, and every other request of every
 * merchant waited for a connection behind them (in the benchmark's mixed scenario, reads of a
 * payment waited a quarter of a second; docs/hot-path.md, session 19). Here they wait on a
 * semaphore, holding nothing: at most {@value #AT_ONCE} of one merchant's debits hold a
 * connection at a time, one with the lock and the others getting ready (their idempotency keys and
 * payment rows) behind it. Disputes and the settlement job, which are rare, still wait inside
 * PostgreSQL.
 * <p>
 * The balance lock still does the serialising, across nodes too; this only decides where the
 * queue waits. Merchants share {@value #STRIPES} semaphores by the hash of their id, so memory
 * stays fixed; two merchants on one stripe (and one merchant's debits in two currencies) wait in
 * one queue. A debit that has waited {@code MAX_WAIT} for its turn goes ahead without one, to wait
 * inside PostgreSQL as it did before the turns: they bound where debits wait, never whether they
 * run. Thread-safe.
 */
public final class DebitTurns {
    static final int STRIPES = 1024;
    public static final int AT_ONCE = 4;
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final Semaphore[] turns = new Semaphore[STRIPES];

    public DebitTurns() {
        for (int i = 0; i < STRIPES; i++) turns[i] = new Semaphore(AT_ONCE, true); // fair: first come, first served
    }

    /** Runs {@code debit} (which opens its own transaction) once it is the merchant's turn on this node. */
    public <T> T inTurn(String merchantId, Supplier<T> debit) {
        Semaphore turn = turns[Math.floorMod(merchantId.hashCode(), STRIPES)];
        boolean inTurn = false;
        try {
            inTurn = turn.tryAcquire(MAX_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // goes ahead without its turn, as after MAX_WAIT
        }
        try {
            return debit.get();
        } finally {
            if (inTurn) turn.release();
        }
    }
}
