package dev.till.core.webhooks;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** A merchant's webhook endpoints with their (encrypted) signing secrets. Lives as long as its handle. */
public final class WebhookEndpointStore {
    private static final String INSERT = Sql.of(WebhookEndpointStore.class, "insert");
    private static final String FIND = Sql.of(WebhookEndpointStore.class, "find");
    private static final String FIND_FOR_UPDATE = Sql.of(WebhookEndpointStore.class, "findForUpdate");
    private static final String LIST_PAGE = Sql.of(WebhookEndpointStore.class, "listPage");
    private static final String UPDATE_SETTINGS = Sql.of(WebhookEndpointStore.class, "updateSettings");
    private static final String ROTATE_SECRET = Sql.of(WebhookEndpointStore.class, "rotateSecret");
    private static final String DISABLE = Sql.of(WebhookEndpointStore.class, "disable");
    private static final String DELETE = Sql.of(WebhookEndpointStore.class, "delete");

    private final Handle h;

    public WebhookEndpointStore(Handle h) {
        this.h = h;
    }

    public void insert(String id, String merchantId, String url, String eventTypes, boolean active, String headers,
                       byte[] secret, Instant now) {
        h.createUpdate(INSERT).bind("id", id).bind("merchantId", merchantId).bind("url", url)
                .bind("eventTypes", eventTypes).bind("active", active).bind("headers", headers).bind("secret", secret)
                .bind("now", now).execute();
    }

    public Optional<WebhookEndpoint> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(WebhookEndpointStore::endpoint).findOne();
    }

    public Optional<WebhookEndpoint> findForUpdate(String merchantId, String id) {
        return h.createQuery(FIND_FOR_UPDATE).bind("merchantId", merchantId).bind("id", id)
                .map(WebhookEndpointStore::endpoint).findOne();
    }

    public List<WebhookEndpoint> listPage(String merchantId, Instant afterCreatedOn, String afterId, int limit) {
        return h.createQuery(LIST_PAGE).bind("merchantId", merchantId)
                .bindByType("afterCreatedOn", afterCreatedOn, Instant.class).bind("afterId", afterId).bind("limit", limit)
                .map(WebhookEndpointStore::endpoint).list();
    }

    /** Null arguments keep the current value. Re-activating clears the reason it was disabled. */
    public int updateSettings(String merchantId, String id, String url, String eventTypes, Boolean active, String headers,
                              Instant now) {
        return h.createUpdate(UPDATE_SETTINGS).bind("merchantId", merchantId).bind("id", id).bind("url", url)
                .bind("eventTypes", eventTypes).bindByType("active", active, Boolean.class).bind("headers", headers)
                .bind("now", now).execute();
    }

    public int rotateSecret(String merchantId, String id, byte[] secret, byte[] previousSecret, Instant previousExpiresOn,
                            Instant now) {
        return h.createUpdate(ROTATE_SECRET).bind("merchantId", merchantId).bind("id", id).bind("secret", secret)
                .bind("previousSecret", previousSecret).bindByType("previousExpiresOn", previousExpiresOn, Instant.class)
                .bind("now", now).execute();
    }

    /** The receiver answered 410 Gone: stop sending until the merchant re-activates it. */
    public int disable(String merchantId, String id, String reason, Instant now) {
        return h.createUpdate(DISABLE).bind("merchantId", merchantId).bind("id", id).bind("reason", reason)
                .bind("now", now).execute();
    }

    public int delete(String merchantId, String id) {
        return h.createUpdate(DELETE).bind("merchantId", merchantId).bind("id", id).execute();
    }

    private static WebhookEndpoint endpoint(ResultSet rs, StatementContext ctx) throws SQLException {
        return new WebhookEndpoint(rs.getString("id"), rs.getString("merchant_id"), rs.getString("url"),
                rs.getString("event_types"), rs.getBoolean("active"), rs.getString("headers"), rs.getBytes("secret"),
                rs.getBytes("previous_secret"), Columns.instant(rs, "previous_secret_expires_on"),
                rs.getString("disabled_reason"), Columns.instant(rs, "created_on"), Columns.instant(rs, "updated_on"));
    }
}
