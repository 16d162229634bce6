package dev.till.core.links;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Payment link rows. Every write is named after its intention and guarded by the version (or the
 * status) it expects, so a stale read never overwrites a newer state.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(PaymentLink.class)
public interface PaymentLinkStore {

    @SqlUpdate
    void insert(@BindMethods PaymentLink link);

    @SqlQuery
    Optional<PaymentLink> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    Optional<PaymentLink> findForUpdate(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    Optional<PaymentLink> findByPaymentForUpdate(@Bind("merchantId") String merchantId, @Bind("paymentId") String paymentId);

    @SqlQuery
    List<PaymentLink> listPage(@Bind("merchantId") String merchantId, @Bind("afterCreatedOn") Instant afterCreatedOn,
                               @Bind("afterId") String afterId, @Bind("limit") int limit);

    @SqlUpdate
    int markAttemptStarted(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int version,
                           @Bind("now") Instant now);

    /** The declined payment id is spent: the next attempt uses {@code paymentId}. */
    @SqlUpdate
    int markAttemptDeclined(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int version,
                            @Bind("paymentId") String paymentId);

    @SqlUpdate
    int markCompleted(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int version,
                      @Bind("now") Instant now);

    @SqlUpdate
    int markCanceled(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int version,
                     @Bind("now") Instant now);

    @SqlUpdate
    int markExpired(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int version,
                    @Bind("now") Instant now);

    @SqlUpdate
    int markReleaseDue(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int version,
                       @Bind("now") Instant now);

    @SqlUpdate
    int markReleased(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int version,
                     @Bind("now") Instant now);

    /** Active links past their expiry, locked with SKIP LOCKED so several nodes share the work. */
    @SqlQuery
    List<PaymentLink> claimDueToExpire(@Bind("now") Instant now, @Bind("limit") int limit);

    /** Links whose late authorization still waits to be voided, locked with SKIP LOCKED. */
    @SqlQuery
    List<PaymentLink> claimDueToRelease(@Bind("now") Instant now, @Bind("limit") int limit);

    /** The network declined the release: try again at {@code retryOn}. */
    @SqlUpdate
    int markReleaseRetry(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int version,
                         @Bind("retryOn") Instant retryOn);
}
