package dev.till.core.payments;

import dev.till.domain.ProblemException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;

/**
 * Asked before a refund reaches the card network: can the merchant pay for it? Once the network
 * has refunded the cardholder nothing takes that back, so a refund the ledger would refuse when
 * it posts ({@code insufficient_balance}, which rolls the transaction back) must be refused before
 * the network is asked, or the money would leave with no record of it. A check holds what it
 * checked until commit. The ledger registers its check at wiring time, so payments never depends
 * on it. Thread-safe.
 */
public final class RefundCover {
    /** A refund about to be asked of the network. */
    public record Asked(String merchantId, String paymentId, String currency, long amount) {}

    public interface Check {
        /**
         * Each refund's refusal, in order, or empty when it is covered. The refunds are of distinct
         * payments; one covered counts against those after it, as if it had been refunded first.
         */
        List<Optional<ProblemException>> confirmAll(Handle tx, List<Asked> refunds);
    }

    private final List<Check> checks = new CopyOnWriteArrayList<>();

    public void register(Check check) {
        checks.add(check);
    }

    /** Throws the refund's refusal. */
    void confirm(Handle tx, Asked refund) {
        Optional<ProblemException> refused = confirmAll(tx, List.of(refund)).getFirst();
        if (refused.isPresent()) throw refused.get();
    }

    /** As {@link Check#confirmAll}; a refund one check refuses is not shown to the next. */
    List<Optional<ProblemException>> confirmAll(Handle tx, List<Asked> refunds) {
        List<Optional<ProblemException>> refusals = new ArrayList<>(Collections.nCopies(refunds.size(), Optional.empty()));
        List<Integer> going = new ArrayList<>();
        for (int i = 0; i < refunds.size(); i++) going.add(i);
        for (Check c : checks) {
            if (going.isEmpty()) break;
            List<Optional<ProblemException>> answers = c.confirmAll(tx, going.stream().map(refunds::get).toList());
            List<Integer> still = new ArrayList<>();
            for (int j = 0; j < going.size(); j++) {
                if (answers.get(j).isPresent()) refusals.set(going.get(j), answers.get(j));
                else still.add(going.get(j));
            }
            going = still;
        }
        return refusals;
    }
}
