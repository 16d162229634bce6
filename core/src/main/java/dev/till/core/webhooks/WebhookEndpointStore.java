package dev.till.core.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
@RegisterConstructorMapper(WebhookEndpoint.class)
public interface WebhookEndpointStore {

    @SqlUpdate
    void insert(@Bind("id") String id, @Bind("merchantId") String merchantId, @Bind("url") String url,
                @Bind("eventTypes") String eventTypes, @Bind("active") boolean active, @Bind("headers") String headers,
                @Bind("secret") byte[] secret, @Bind("now") Instant now);

    @SqlQuery
    Optional<WebhookEndpoint> find(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    Optional<WebhookEndpoint> findForUpdate(@Bind("merchantId") String merchantId, @Bind("id") String id);

    @SqlQuery
    List<WebhookEndpoint> listPage(@Bind("merchantId") String merchantId, @Bind("afterCreatedOn") Instant afterCreatedOn,
                                   @Bind("afterId") String afterId, @Bind("limit") int limit);

    /** Null arguments keep the current value. Re-activating clears the reason it was disabled. */
    @SqlUpdate
    int updateSettings(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("url") String url,
                       @Bind("eventTypes") String eventTypes, @Bind("active") Boolean active,
                       @Bind("headers") String headers, @Bind("now") Instant now);

    @SqlUpdate
    int rotateSecret(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("secret") byte[] secret,
                     @Bind("previousSecret") byte[] previousSecret, @Bind("previousExpiresOn") Instant previousExpiresOn,
                     @Bind("now") Instant now);

    /** The receiver answered 410 Gone: stop sending until the merchant re-activates it. */
    @SqlUpdate
    int disable(@Bind("merchantId") String merchantId, @Bind("id") String id, @Bind("reason") String reason,
                @Bind("now") Instant now);

    @SqlUpdate
    int delete(@Bind("merchantId") String merchantId, @Bind("id") String id);
}
