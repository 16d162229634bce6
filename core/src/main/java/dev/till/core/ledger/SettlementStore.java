package dev.till.core.ledger;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(Settlement.class)
public interface SettlementStore {

    @SqlUpdate
    void schedule(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("sourceId") String sourceId,
                  @Bind("currency") String currency, @Bind("amount") long amount, @Bind("settleOn") Instant settleOn);

    /** Locks the source's unsettled rows: a refund and the settlement job cannot both take them. */
    @SqlQuery
    List<Settlement> unsettledForSource(@Bind("merchantId") String merchantId, @Bind("sourceId") String sourceId,
                                        @Bind("currency") String currency);

    @SqlUpdate
    int reduce(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("by") long by);

    @SqlQuery
    List<Settlement> claimDue(@Bind("now") Instant now, @Bind("limit") int limit);

    @SqlUpdate
    int markSettled(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("now") Instant now);
}
