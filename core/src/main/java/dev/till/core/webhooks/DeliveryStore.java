package dev.till.core.webhooks;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(Delivery.class)
@RegisterConstructorMapper(DeliveryAttempt.class)
@RegisterConstructorMapper(ClaimedDelivery.class)
public interface DeliveryStore {

    /** One pending delivery per active endpoint of the merchant subscribed to the type: the fan-out. */
    @SqlUpdate
    int fanOut(@Bind("merchantId") String merchantId, @Bind("eventId") String eventId, @Bind("type") String type,
               @Bind("now") Instant now);

    /**
     * Leases up to {@code limit} due deliveries with {@code FOR UPDATE SKIP LOCKED}, at most
     * {@code perEndpoint} in flight per endpoint counting leases held by every node. This is the
     * one query that spans merchants: the worker serves them all.
     */
    @SqlQuery
    List<ClaimedDelivery> claimDue(@Bind("now") Instant now, @Bind("leaseUntil") Instant leaseUntil,
                                   @Bind("token") String token, @Bind("limit") int limit,
                                   @Bind("perEndpoint") int perEndpoint);

    /**
     * Each records one attempt together with the delivery's next state, in one statement. The
     * delivery moves only while the caller's lease (token) is still the current one.
     */
    @SqlUpdate
    int recordSuccess(@BindMethods("a") DeliveryAttempt attempt, @Bind("token") String token, @Bind("now") Instant now);

    @SqlUpdate
    int recordRetry(@BindMethods("a") DeliveryAttempt attempt, @Bind("token") String token,
                    @Bind("nextAttemptAt") Instant nextAttemptAt, @Bind("now") Instant now);

    @SqlUpdate
    int recordFailure(@BindMethods("a") DeliveryAttempt attempt, @Bind("token") String token, @Bind("now") Instant now);

    /**
     * Starts a fresh 7-day schedule for the event at one endpoint (regardless of its types) or, with
     * a null endpoint, at every active endpoint subscribed to the type. Returns the deliveries.
     */
    @SqlQuery
    List<Delivery> requeue(@Bind("merchantId") String merchantId, @Bind("eventId") String eventId,
                           @Bind("type") String type, @Bind("endpointId") String endpointId, @Bind("now") Instant now);

    @SqlQuery
    List<Delivery> forEvent(@Bind("merchantId") String merchantId, @Bind("eventId") String eventId);

    @SqlQuery
    List<Delivery> pageForEndpoint(@Bind("merchantId") String merchantId, @Bind("endpointId") String endpointId,
                                   @Bind("status") String status, @Bind("eventType") String eventType,
                                   @Bind("afterCreatedOn") Instant afterCreatedOn, @Bind("afterId") String afterId,
                                   @Bind("limit") int limit);

    @SqlQuery
    List<DeliveryAttempt> attemptsForEvent(@Bind("merchantId") String merchantId, @Bind("eventId") String eventId);

    @SqlQuery
    List<DeliveryAttempt> attemptsForEndpoint(@Bind("merchantId") String merchantId, @Bind("endpointId") String endpointId,
                                              @Bind("eventIds") String[] eventIds);
}
