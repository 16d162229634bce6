package dev.till.core.payouts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.events.Events;
import dev.till.core.ledger.Ledger;
import dev.till.processor.payouts.Beneficiary;
import dev.till.processor.payouts.PayoutOutcome;
import dev.till.processor.payouts.PayoutRail;
import java.time.Clock;
import java.util.Comparator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The payout rail job: moves due payouts one step along created → processing → completed |
 * failed | returned, posting each step to the ledger and recording its event in the same
 * transaction. Claims rows with {@code FOR UPDATE SKIP LOCKED} and writes with version guards,
 * so several nodes can run it at once. Thread-safe.
 */
public final class AdvancePayouts {
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Events events;
    private final PayoutRail rail;
    private final PayoutPostings postings;
    private final ObjectMapper json;

    public AdvancePayouts(Jdbi jdbi, Clock clock, Events events, PayoutRail rail, Ledger ledger, ObjectMapper json) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.rail = rail;
        this.postings = new PayoutPostings(ledger);
        this.json = json;
    }

    /**
     * Claimed payouts are handled merchant by merchant, each under the merchant's payout lock (the
     * one payout batches take): a node then never holds one merchant's balances while waiting for
     * another's, so two nodes, or a node and a batch, cannot deadlock.
     */
    public int runOnce() {
        return jdbi.inTransaction(tx -> {
            PayoutStore store = new PayoutStore(tx);
            var due = store.claimDue(clock.instant(), BATCH).stream()
                    .sorted(Comparator.comparing(Payout::merchantId).thenComparing(Payout::id)).toList();
            String locked = null;
            for (Payout p : due) {
                if (!p.merchantId().equals(locked)) {
                    store.lockMerchant(Payouts.lockId(p.merchantId()));
                    locked = p.merchantId();
                }
                advance(tx, p);
            }
            return due.size();
        });
    }

    private void advance(Handle tx, Payout p) {
        PayoutStore store = new PayoutStore(tx);
        var now = clock.instant();
        switch (p.status()) {
            case "created" -> store.markProcessing(p.merchantId(), p.id(), p.version(), now.plus(rail.processingTime()), now);
            case "processing" -> {
                String status;
                String code = null;
                switch (rail.outcome(beneficiary(p))) {
                    case PayoutOutcome.Completed c -> {
                        postings.settle(tx, p);
                        status = "completed";
                    }
                    case PayoutOutcome.Failed f -> {
                        postings.release(tx, p);
                        status = "failed";
                        code = f.code();
                    }
                    case PayoutOutcome.Returned r -> {
                        postings.settle(tx, p);
                        postings.returned(tx, p);
                        status = "returned";
                        code = r.code();
                    }
                }
                if (store.markFinished(p.merchantId(), p.id(), p.version(), status, code, now) == 1) {
                    Payout done = store.find(p.merchantId(), p.id()).orElseThrow();
                    events.record(tx, p.merchantId(), "payout." + status, p.id(), PayoutSnapshot.of(done));
                } else {
                    throw new IllegalStateException("payout " + p.id() + " changed under its row lock");
                }
            }
            default -> throw new IllegalStateException("payout " + p.id() + " claimed in state " + p.status());
        }
    }

    private Beneficiary beneficiary(Payout p) {
        try {
            return json.readValue(p.beneficiary(), Beneficiary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable beneficiary of " + p.id(), e);
        }
    }
}
