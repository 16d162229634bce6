package dev.till.core.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(OrderAttempt.class)
@RegisterConstructorMapper(SupersededAttempt.class)
public interface OrderAttemptStore {

    @SqlUpdate
    int markSuperseded(@Bind("merchantId") String merchantId, @Bind("paymentId") String paymentId, @Bind("now") Instant now);

    @SqlQuery
    Optional<SupersededAttempt> claimSuperseded();

    @SqlUpdate
    int markReleased(@Bind("merchantId") String merchantId, @Bind("paymentId") String paymentId, @Bind("now") Instant now);

    @SqlUpdate
    void insert(@Bind("merchantId") String merchantId, @Bind("orderId") String orderId,
                @Bind("paymentId") String paymentId, @Bind("outcome") String outcome, @Bind("now") Instant now);

    /** Settles a pending attempt once; a second report of the same outcome changes nothing. */
    @SqlUpdate
    int settlePending(@Bind("merchantId") String merchantId, @Bind("paymentId") String paymentId,
                      @Bind("outcome") String outcome);

    @SqlQuery
    Optional<OrderAttempt> find(@Bind("merchantId") String merchantId, @Bind("paymentId") String paymentId);

    @SqlQuery
    List<OrderAttempt> forOrder(@Bind("merchantId") String merchantId, @Bind("orderId") String orderId);

    /** The payment of the order's latest approved attempt: the one that paid or holds it. */
    default Optional<String> latestApprovedPayment(String merchantId, String orderId) {
        return forOrder(merchantId, orderId).stream().filter(a -> a.outcome().equals("approved"))
                .reduce((a, b) -> b).map(OrderAttempt::paymentId);
    }
}
