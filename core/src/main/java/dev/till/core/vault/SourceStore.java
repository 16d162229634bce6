package dev.till.core.vault;

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
@RegisterConstructorMapper(SourceStore.Usable.class)
public interface SourceStore {
    @SqlUpdate
    void insert(@BindMethods("c") StoredCard card, @Bind("number") byte[] numberCiphertext);

    @SqlQuery
    Optional<StoredCard> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    /** The card with its encrypted number, in one round trip: what a payment needs to use it. */
    @SqlQuery
    Optional<Usable> findForUse(@Bind("merchantId") String merchantId, @Bind("id") String id);

    record Usable(@Nested StoredCard card, byte[] numberCiphertext) {}
}
