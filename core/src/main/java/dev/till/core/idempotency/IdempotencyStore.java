package dev.till.core.idempotency;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(IdempotencyRecord.class)
public interface IdempotencyStore {

    /** Takes the transaction-scoped advisory lock for a key; false while another request holds it. */
    @SqlQuery
    boolean tryLock(@Bind("lockId") long lockId);

    @SqlQuery
    Optional<IdempotencyRecord> findLive(@Bind("merchantId") String merchantId, @Bind("endpoint") String endpoint,
                                         @Bind("key") String key, @Bind("notBefore") Instant notBefore);

    /** Overwrites an expired row the purge has not reached yet. */
    @SqlUpdate
    void save(@Bind("merchantId") String merchantId, @Bind("endpoint") String endpoint, @Bind("key") String key,
              @Bind("requestHash") byte[] requestHash, @Bind("status") int status, @Bind("body") byte[] body,
              @Bind("createdOn") Instant createdOn);

    @SqlUpdate
    int purgeOlderThan(@Bind("cutoff") Instant cutoff);
}
