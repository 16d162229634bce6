package dev.till.core.payments;

import java.util.List;
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
    /** Throws a {@link dev.till.domain.ProblemException} when the refund cannot be covered. */
    public interface Check {
        void confirm(Handle tx, String merchantId, String paymentId, String currency, long amount);
    }

    private final List<Check> checks = new CopyOnWriteArrayList<>();

    public void register(Check check) {
        checks.add(check);
    }

    void confirm(Handle tx, String merchantId, String paymentId, String currency, long amount) {
        for (Check c : checks) c.confirm(tx, merchantId, paymentId, currency, amount);
    }
}
