package dev.till.core.ledger;

import dev.till.domain.ledger.Balance;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(EntryRow.class)
@RegisterConstructorMapper(LineRow.class)
@RegisterConstructorMapper(Balance.class)
@RegisterConstructorMapper(PaymentFees.class)
@RegisterConstructorMapper(MerchantCurrency.class)
public interface LedgerStore {

    /** What a payment's chargebacks left the merchant owing (positive) and not yet repaid. */
    @SqlQuery
    long paymentDebt(@Bind("merchantId") String merchantId, @Bind("sourceId") String sourceId, @Bind("currency") String currency);

    @SqlQuery
    PaymentFees paymentFees(@Bind("merchantId") String merchantId, @Bind("sourceId") String sourceId,
                            @Bind("currency") String currency);

    @SqlUpdate
    void insertEntry(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("type") String type,
                     @Bind("sourceId") String sourceId, @Bind("actionId") String actionId,
                     @Bind("description") String description, @Bind("now") Instant now);

    /** All lines of an entry in one round trip (the driver rewrites the batch into one INSERT). */
    @SqlBatch("insertLine")
    void insertLines(@Bind("entryId") String entryId, @Bind("lineNo") List<Integer> lineNo, @Bind("merchantId") String merchantId,
                     @Bind("account") List<String> account, @Bind("currency") List<String> currency,
                     @Bind("direction") List<String> direction, @Bind("amount") List<Long> amount);

    @SqlQuery
    int lockBalances(@Bind("lockId") long lockId);

    @SqlQuery
    boolean tryLockBalances(@Bind("lockId") long lockId);

    @SqlQuery
    List<MerchantCurrency> unfoldedPairs(@Bind("limit") int limit);

    @SqlUpdate
    int foldPair(@Bind("merchantId") String merchantId, @Bind("currency") String currency);

    @SqlQuery
    List<Balance> balances(@Bind("merchantId") String merchantId);

    /** Folded balance plus unfolded lines: the balance as of this statement. */
    @SqlQuery
    long balance(@Bind("merchantId") String merchantId, @Bind("account") String account, @Bind("currency") String currency);

    @SqlQuery
    List<EntryRow> listEntries(@Bind("merchantId") String merchantId, @Bind("type") String type,
                               @Bind("sourceId") String sourceId, @Bind("from") Instant from, @Bind("to") Instant to,
                               @Bind("afterCreatedOn") Instant afterCreatedOn, @Bind("afterId") String afterId,
                               @Bind("limit") int limit);

    @SqlQuery
    List<LineRow> linesOf(@Bind("merchantId") String merchantId, @Bind("entryIds") String[] entryIds);
}
