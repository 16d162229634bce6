package dev.till.core.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Orders and their lines. Status changes carry the expected status in their WHERE clause. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Order.class)
@RegisterConstructorMapper(OrderProduct.class)
public interface OrderStore {

    @SqlUpdate
    void insert(@BindMethods Order order);

    @SqlUpdate
    void insertProduct(@Bind("merchantId") String merchantId, @Bind("orderId") String orderId, @BindMethods OrderProduct product);

    @SqlQuery
    Optional<Order> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    /** Locks the order for the rest of the transaction: status changes apply one after another. */
    @SqlQuery
    Optional<Order> findForUpdate(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    List<OrderProduct> products(@Bind("merchantId") String merchantId, @Bind("orderId") String orderId);

    @SqlQuery
    List<Order> listPage(@Bind("merchantId") String merchantId, @BindMethods OrderFilter filter,
                         @Bind("afterCreatedOn") Instant afterCreatedOn, @Bind("afterId") String afterId,
                         @Bind("limit") int limit);

    @SqlUpdate
    int markStatus(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("expected") String expected,
                   @Bind("status") String status, @Bind("now") Instant now);

    /** Also stamps when the funds started being held: the 28-day release counts from here. */
    @SqlUpdate
    int markHeld(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("now") Instant now);

    /** Counts an attempt; the CHECK on max_payment_attempts backs the use case's own test. */
    @SqlUpdate
    int countAttempt(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("now") Instant now);

    @SqlUpdate
    int addRefunded(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("amount") long amount,
                    @Bind("now") Instant now);

    /**
     * Orders whose due date has passed, across merchants (a job's scan, the one place without a
     * merchant filter). Locked and skipped by other nodes running the same job.
     */
    @SqlQuery
    List<Order> claimDue(@Bind("now") Instant now, @Bind("limit") int limit);

    /** Holds older than the cutoff, across merchants; claimed as {@link #claimDue} is. */
    @SqlQuery
    List<Order> claimHeldSince(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
}
