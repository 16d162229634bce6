package dev.till.core.webhooks;

import dev.till.core.events.Event;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the event outbox for the inspection API; the outbox itself is written by {@code Events}. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Event.class)
public interface EventLogStore {

    @SqlQuery
    List<Event> listPage(@Bind("merchantId") String merchantId, @Bind("type") String type,
                         @Bind("objectId") String objectId, @Bind("afterCreatedOn") Instant afterCreatedOn,
                         @Bind("afterId") String afterId, @Bind("limit") int limit);
}
