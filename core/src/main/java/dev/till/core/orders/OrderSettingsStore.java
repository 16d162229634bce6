package dev.till.core.orders;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(OrderSettings.class)
public interface OrderSettingsStore {

    @SqlQuery
    Optional<OrderSettings> find(@Bind("merchantId") String merchantId);

    @SqlUpdate
    void save(@Bind("merchantId") String merchantId, @BindMethods OrderSettings settings, @Bind("now") Instant now);
}
