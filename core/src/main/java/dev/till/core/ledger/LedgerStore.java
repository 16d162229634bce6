package dev.till.core.ledger;

import dev.till.domain.ledger.Balance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(EntryRow.class)
@RegisterConstructorMapper(LineRow.class)
@RegisterConstructorMapper(Balance.class)
public interface LedgerStore {

    @SqlUpdate
    void insertEntry(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("type") String type,
                     @Bind("sourceId") String sourceId, @Bind("actionId") String actionId,
                     @Bind("description") String description, @Bind("now") Instant now);

    @SqlUpdate
    void insertLine(@Bind("entryId") String entryId, @Bind("lineNo") int lineNo, @Bind("merchantId") String merchantId,
                    @Bind("account") String account, @Bind("currency") String currency,
                    @Bind("direction") String direction, @Bind("amount") long amount);

    @SqlUpdate
    void openAccount(@Bind("merchantId") String merchantId, @Bind("account") String account, @Bind("currency") String currency);

    /** Returns 0 when the guard refused: the balance would have gone below zero. */
    @SqlUpdate
    int applyDelta(@Bind("merchantId") String merchantId, @Bind("account") String account, @Bind("currency") String currency,
                   @Bind("delta") long delta, @Bind("mustStayNonNegative") boolean mustStayNonNegative);

    @SqlQuery
    List<Balance> balances(@Bind("merchantId") String merchantId);

    @SqlQuery
    Optional<Long> balance(@Bind("merchantId") String merchantId, @Bind("account") String account, @Bind("currency") String currency);

    @SqlQuery
    List<EntryRow> listEntries(@Bind("merchantId") String merchantId, @Bind("type") String type,
                               @Bind("sourceId") String sourceId, @Bind("from") Instant from, @Bind("to") Instant to,
                               @Bind("afterCreatedOn") Instant afterCreatedOn, @Bind("afterId") String afterId,
                               @Bind("limit") int limit);

    @SqlQuery
    List<LineRow> linesOf(@Bind("merchantId") String merchantId, @Bind("entryIds") String[] entryIds);
}
