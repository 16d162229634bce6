package dev.till.core.payments;

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
 * Payments and their actions. Every write is named after its intention and guarded by the row's
 * version, so a write based on a stale read changes nothing (and the caller treats no row as a bug).
 * Writes return the row as written ({@code RETURNING}): the caller holds its lock already, so
 * reading it back would only cost another round trip.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Payment.class)
@RegisterConstructorMapper(PaymentAction.class)
public interface PaymentStore {
    /** The new row needs no lock: no other transaction can see it before ours commits. */
    @SqlQuery
    Payment insert(@BindMethods("p") Payment payment);

    @SqlQuery
    Optional<Payment> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    /** Locks the row: concurrent captures, refunds and voids of one payment run one after another. */
    @SqlQuery
    Optional<Payment> findForUpdate(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    Optional<Payment> findByChallengeForUpdate(@Bind("merchantId") String merchantId, @Bind("challengeId") String challengeId);

    @SqlQuery
    List<Payment> listByReference(@Bind("merchantId") String merchantId, @Bind("reference") String reference,
                                  @Bind("limit") int limit, @Bind("skip") int skip);

    @SqlQuery
    int countByReference(@Bind("merchantId") String merchantId, @Bind("reference") String reference);

    @SqlQuery
    Optional<Payment> markApproved(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int expectedVersion,
                     @Bind("status") String status, @Bind("authorized") long authorized, @Bind("authCode") String authCode,
                     @Bind("avsCheck") String avsCheck, @Bind("cvvCheck") String cvvCheck, @Bind("riskFlagged") boolean riskFlagged,
                     @Bind("fundsAvailability") String fundsAvailability, @Bind("networkReference") String networkReference,
                     @Bind("now") Instant now, @Bind("expiresOn") Instant expiresOn);

    @SqlQuery
    Optional<Payment> markDeclined(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int expectedVersion,
                     @Bind("responseCode") String responseCode, @Bind("responseSummary") String responseSummary,
                     @Bind("networkReference") String networkReference, @Bind("now") Instant now);

    @SqlQuery
    Optional<Payment> markAwaitingChallenge(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int expectedVersion,
                              @Bind("challengeId") String challengeId);

    @SqlQuery
    Optional<Payment> markAwaitingNetwork(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int expectedVersion);

    @SqlQuery
    Optional<Payment> markCaptured(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int expectedVersion,
                     @Bind("status") String status, @Bind("captured") long captured, @Bind("released") long released);

    @SqlQuery
    Optional<Payment> markRefunded(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int expectedVersion,
                     @Bind("status") String status, @Bind("refunded") long refunded, @Bind("released") long released);

    @SqlQuery
    Optional<Payment> markVoided(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int expectedVersion,
                   @Bind("released") long released);

    @SqlQuery
    Optional<Payment> markExpired(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("version") int expectedVersion,
                    @Bind("released") long released);

    @SqlUpdate
    void insertAction(@BindMethods("a") PaymentAction action);

    @SqlQuery
    List<PaymentAction> actions(@Bind("merchantId") String merchantId, @Bind("paymentId") String paymentId);

    /** Jobs work across merchants; they claim rows so that several nodes never handle one twice. */
    @SqlQuery
    List<Payment> claimExpiredAuthorizations(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlQuery
    List<Payment> claimAwaitingNetwork(@Bind("limit") int limit);
}
