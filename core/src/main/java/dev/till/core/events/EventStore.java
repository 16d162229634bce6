package dev.till.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@UseClasspathSqlLocator
@RegisterConstructorMapper(Event.class)
public interface EventStore {

    /** The per-object sequence is computed in the statement; the object's row lock serialises writers. */
    @SqlQuery
    int insert(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("type") String type,
                @Bind("objectId") String objectId, @Bind("createdOn") Instant createdOn, @Bind("data") String data);

    @SqlQuery
    Optional<Event> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    List<Event> forObject(@Bind("merchantId") String merchantId, @Bind("objectId") String objectId);
}
