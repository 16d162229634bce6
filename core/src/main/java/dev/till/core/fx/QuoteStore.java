package dev.till.core.fx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(Quote.class)
public interface QuoteStore {

    @SqlUpdate
    void insert(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("sourceCurrency") String sourceCurrency,
                @Bind("sourceAmount") long sourceAmount, @Bind("targetCurrency") String targetCurrency,
                @Bind("targetAmount") long targetAmount, @Bind("country") String country, @Bind("rate") BigDecimal rate,
                @Bind("fee") long fee, @Bind("now") Instant now, @Bind("expiresOn") Instant expiresOn);

    @SqlQuery
    Optional<Quote> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    /** Claims a live, unused quote for one payout; 0 rows means expired, used or unknown. */
    @SqlUpdate
    int markUsed(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("payoutId") String payoutId,
                 @Bind("now") Instant now);
}
