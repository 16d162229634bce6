package dev.till.core.vault;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(StoredCard.class)
public interface SourceStore {
    @SqlUpdate
    void insert(@BindMethods("c") StoredCard card, @Bind("number") byte[] numberCiphertext);

    @SqlQuery
    Optional<StoredCard> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    Optional<byte[]> numberCiphertext(@Bind("merchantId") String merchantId, @Bind("id") String id);
}
