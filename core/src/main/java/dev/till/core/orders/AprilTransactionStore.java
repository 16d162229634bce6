package dev.till.core.orders;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** April's transactions ({@code tran_}): another name for an order's payment. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(AprilTransaction.class)
public interface AprilTransactionStore {

    @SqlUpdate
    void insert(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("paymentId") String paymentId,
                @Bind("orderId") String orderId, @Bind("now") Instant now);

    @SqlQuery
    Optional<AprilTransaction> find(@Bind("merchantId") String merchantId, @Bind("id") String id);
}
