package dev.till.core.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.merchants.Merchant;
import dev.till.core.paging.Cursor;
import dev.till.core.paging.Page;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Endpoint use cases: register, read, change, delete, rotate the secret. Writes take the caller's
 * transaction (idempotency record included). The URL is checked against SSRF here, and again by
 * the worker before every attempt. Thread-safe.
 */
public final class WebhookEndpoints {
    /** How long the previous secret keeps signing after a rotation, so receivers can switch over. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final WebhookSecrets secrets;
    private final SsrfGuard guard;
    private final ObjectMapper json;

    public WebhookEndpoints(Jdbi jdbi, Ids ids, Clock clock, WebhookSecrets secrets, SsrfGuard guard, ObjectMapper json) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.secrets = secrets;
        this.guard = guard;
        this.json = json;
    }

    public NewSecret create(Handle tx, Merchant merchant, EndpointDraft draft) {
        guard.validate(draft.url(), merchant.testMode());
        String id = ids.next("whe_");
        String secret = secrets.mint();
        WebhookEndpointStore store = new WebhookEndpointStore(tx);
        store.insert(id, merchant.merchantId(), draft.url(), text(draft.eventTypes() == null ? List.of() : draft.eventTypes()),
                draft.active() == null || draft.active(), text(draft.headers() == null ? Map.of() : draft.headers()),
                secrets.seal(id, secret), clock.instant());
        return new NewSecret(store.find(merchant.merchantId(), id).orElseThrow(), secret);
    }

    public WebhookEndpoint get(String merchantId, String id) {
        return jdbi.withHandle(h -> new WebhookEndpointStore(h).find(merchantId, id))
                .orElseThrow(() -> Problem.notFound("webhook", id).toException());
    }

    public Page<WebhookEndpoint> list(String merchantId, Cursor after, int limit) {
        var rows = jdbi.withHandle(
                h -> new WebhookEndpointStore(h).listPage(merchantId, after.createdOn(), after.id(), limit + 1));
        return Page.of(rows, limit, WebhookEndpoint::createdOn, WebhookEndpoint::id);
    }

    public WebhookEndpoint update(Handle tx, Merchant merchant, String id, EndpointDraft draft) {
        WebhookEndpointStore store = new WebhookEndpointStore(tx);
        store.findForUpdate(merchant.merchantId(), id).orElseThrow(() -> Problem.notFound("webhook", id).toException());
        if (draft.url() != null) guard.validate(draft.url(), merchant.testMode());
        store.updateSettings(merchant.merchantId(), id, draft.url(),
                draft.eventTypes() == null ? null : text(draft.eventTypes()), draft.active(),
                draft.headers() == null ? null : text(draft.headers()), clock.instant());
        return store.find(merchant.merchantId(), id).orElseThrow();
    }

    /** Deletes the endpoint with its deliveries and their attempts. */
    public void delete(Handle tx, String merchantId, String id) {
        if (new WebhookEndpointStore(tx).delete(merchantId, id) == 0) {
            throw Problem.notFound("webhook", id).toException();
        }
    }

    /** The new secret signs from now on; the old one also signs for {@link #ROTATION_OVERLAP}. */
    public NewSecret rotateSecret(Handle tx, String merchantId, String id) {
        WebhookEndpointStore store = new WebhookEndpointStore(tx);
        WebhookEndpoint current = store.findForUpdate(merchantId, id)
                .orElseThrow(() -> Problem.notFound("webhook", id).toException());
        String secret = secrets.mint();
        var now = clock.instant();
        store.rotateSecret(merchantId, id, secrets.seal(id, secret), current.secret(), now.plus(ROTATION_OVERLAP), now);
        return new NewSecret(store.find(merchantId, id).orElseThrow(), secret);
    }

    public List<String> eventTypes(WebhookEndpoint endpoint) {
        try {
            return List.of(json.readValue(endpoint.eventTypes(), String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event_types is not a JSON array", e);
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
