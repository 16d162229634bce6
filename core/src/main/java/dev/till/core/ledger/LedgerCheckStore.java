package dev.till.core.ledger;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The invariant queries; each returns one human-readable line per violation. A null merchant checks all. */
@UseClasspathSqlLocator
public interface LedgerCheckStore {
    @SqlQuery
    List<String> unbalancedEntries(@Bind("merchantId") String merchantId);

    @SqlQuery
    List<String> negativeBalances(@Bind("merchantId") String merchantId);

    @SqlQuery
    List<String> driftedBalances(@Bind("merchantId") String merchantId);

    @SqlQuery
    List<String> entriesWithoutLines(@Bind("merchantId") String merchantId);
}
