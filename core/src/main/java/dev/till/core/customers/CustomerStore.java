package dev.till.core.customers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(Customer.class)
public interface CustomerStore {

    @SqlUpdate
    void insert(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("email") String email,
                @Bind("name") String name, @Bind("phone") String phone, @Bind("metadata") String metadata,
                @Bind("now") Instant now);

    @SqlQuery
    Optional<Customer> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    /** Locks the row for the rest of the transaction, so concurrent edits apply one after another. */
    @SqlQuery
    Optional<Customer> findForUpdate(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    Optional<Customer> findByEmail(@Bind("merchantId") String merchantId, @Bind("email") String email);

    @SqlUpdate
    int updateDetails(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("email") String email,
                      @Bind("name") String name, @Bind("phone") String phone, @Bind("metadata") String metadata,
                      @Bind("now") Instant now);

    @SqlUpdate
    int setDefaultSource(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("sourceId") String sourceId);

    @SqlUpdate
    int markDeleted(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery
    List<Customer> listPage(@Bind("merchantId") String merchantId, @Bind("email") String email,
                            @Bind("afterCreatedOn") Instant afterCreatedOn, @Bind("afterId") String afterId,
                            @Bind("limit") int limit);
}
