package dev.till.core.ledger;

import dev.till.domain.ledger.Pricing;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(Pricing.class)
public interface PricingStore {

    @SqlQuery
    Optional<Pricing> find(@Bind("merchantId") String merchantId);

    @SqlUpdate
    void save(@Bind("merchantId") String merchantId, @Bind("captureFeeBps") int captureFeeBps,
              @Bind("captureFeeFixed") long captureFeeFixed, @Bind("payoutFeeBps") int payoutFeeBps,
              @Bind("payoutFeeFixed") long payoutFeeFixed);
}
