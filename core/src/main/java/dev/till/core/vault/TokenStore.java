package dev.till.core.vault;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(StoredCard.class)
@RegisterConstructorMapper(TokenStore.Locked.class)
public interface TokenStore {
    @SqlUpdate
    void insert(@BindMethods("c") StoredCard card, @Bind("number") byte[] numberCiphertext, @Bind("cvv") byte[] cvvCiphertext);

    /**
     * Locks the token (two payments racing for one token see it used exactly once) and reads its
     * encrypted secrets with it; they are null once used or wiped by the expiry job.
     */
    @SqlQuery
    Optional<Locked> findForUpdate(@Bind("merchantId") String merchantId, @Bind("id") String id);

    /** Wipes the number and CVV and marks the token used; guarded so it happens once. */
    @SqlUpdate
    int markUsed(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("now") Instant now);

    /** Wipes the secrets of expired tokens, a batch at a time; cross-merchant by design (a job). */
    @SqlUpdate
    int wipeExpired(@Bind("now") Instant now, @Bind("limit") int limit);

    record Locked(@Nested StoredCard card, byte[] numberCiphertext, byte[] cvvCiphertext) {}
}
