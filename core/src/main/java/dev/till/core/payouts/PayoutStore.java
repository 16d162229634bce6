package dev.till.core.payouts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(Payout.class)
public interface PayoutStore {

    /** Returns 0 when the merchant already has a payout with this external reference. */
    @SqlUpdate
    int insert(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("externalRef") String externalRef,
               @Bind("quoteId") String quoteId, @Bind("sourceCurrency") String sourceCurrency,
               @Bind("sourceAmount") long sourceAmount, @Bind("fee") long fee,
               @Bind("targetCurrency") String targetCurrency, @Bind("targetAmount") long targetAmount,
               @Bind("rate") BigDecimal rate, @Bind("beneficiary") String beneficiary,
               @Bind("reference") String reference, @Bind("now") Instant now);

    @SqlQuery
    Optional<Payout> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    Optional<Payout> findByExternalRef(@Bind("merchantId") String merchantId, @Bind("externalRef") String externalRef);

    @SqlQuery
    List<Payout> claimDue(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate
    int markProcessing(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("expectedVersion") int expectedVersion,
                       @Bind("nextStepOn") Instant nextStepOn, @Bind("now") Instant now);

    @SqlUpdate
    int markFinished(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("expectedVersion") int expectedVersion,
                     @Bind("status") String status, @Bind("failureCode") String failureCode, @Bind("now") Instant now);

    @SqlQuery
    int lockMerchant(@Bind("lockId") long lockId);
}
