package dev.till.core.merchants;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Merchants and their key hashes. One SQL file per statement, beside this interface. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Merchant.class)
public interface MerchantStore {

    @SqlUpdate
    void insertMerchant(@Bind("merchantId") String merchantId, @Bind("name") String name, @Bind("mode") String mode,
                        @Bind("createdOn") Instant createdOn);

    @SqlUpdate
    void insertKey(@Bind("keyHash") byte[] keyHash, @Bind("merchantId") String merchantId, @Bind("kind") String kind,
                   @Bind("hint") String hint, @Bind("createdOn") Instant createdOn);

    /** The merchant behind a live (unrevoked) key of the given kind. */
    @SqlQuery
    Optional<Merchant> findByKey(@Bind("keyHash") byte[] keyHash, @Bind("kind") String kind);

    @SqlQuery
    Optional<Merchant> find(@Bind("merchantId") String merchantId);

    @SqlQuery
    int count();
}
