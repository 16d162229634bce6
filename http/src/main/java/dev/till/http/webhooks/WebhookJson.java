package dev.till.http.webhooks;

import dev.till.core.webhooks.WebhookEndpoint;
import java.util.List;
import java.util.Map;

/** Wire shapes of {@code /webhooks}. */
public final class WebhookJson {
    private WebhookJson() {}

    /** Create and update share one shape; on update, a missing field stays as it was. */
    public record Request(String url, List<String> eventTypes, Boolean active, Map<String, String> headers) {}

    /** {@code secret} is present only in the answers to create and rotate-secret. */
    public record Response(String id, String url, List<String> eventTypes, boolean active, Map<String, String> headers,
                           String disabledReason, String secret, String previousSecretExpiresOn, String createdOn,
                           String updatedOn) {
        public static Response of(WebhookEndpoint e, List<String> eventTypes, Map<String, String> headers, String secret) {
            return new Response(e.id(), e.url(), eventTypes, e.active(), headers, e.disabledReason(), secret,
                    e.previousSecretExpiresOn() == null ? null : e.previousSecretExpiresOn().toString(),
                    e.createdOn().toString(), e.updatedOn().toString());
        }
    }

    public record ListResponse(List<Response> data, boolean hasMore, String nextCursor) {}
}
