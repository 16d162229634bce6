package dev.till.core.orders;

import dev.till.domain.Ids;
import dev.till.domain.Problem;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/** April's transactions: a {@code tran_} name for an order's payment, minted when April pays it. Thread-safe. */
public final class AprilTransactions {
    private final Ids ids;
    private final Clock clock;

    public AprilTransactions(Ids ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    public AprilTransaction create(Handle tx, String merchantId, String paymentId, String orderId) {
        String id = ids.next("tran_");
        new AprilTransactionStore(tx).insert(id, merchantId, paymentId, orderId, clock.instant());
        return new AprilTransactionStore(tx).find(merchantId, id).orElseThrow();
    }

    public AprilTransaction get(Handle tx, String merchantId, String id) {
        return new AprilTransactionStore(tx).find(merchantId, id)
                .orElseThrow(() -> Problem.notFound("transaction", id).toException());
    }
}
