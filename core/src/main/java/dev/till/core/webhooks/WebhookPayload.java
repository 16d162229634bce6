package dev.till.core.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.Map;

/** The body every delivery carries: frozen as {@code {id, type, created_on, data, _links}}. */
@JsonPropertyOrder({"id", "type", "created_on", "data", "_links"})
public record WebhookPayload(@JsonProperty("id") String id, @JsonProperty("type") String type,
                             @JsonProperty("created_on") String createdOn, @JsonProperty("data") @JsonRawValue String data,
                             @JsonProperty("_links") Map<String, Map<String, String>> links) {

    public static WebhookPayload of(String publicUrl, String eventId, String type, java.time.Instant createdOn, String data) {
        return new WebhookPayload(eventId, type, createdOn.toString(), data,
                Map.of("self", Map.of("href", publicUrl + "/events/" + eventId)));
    }
}
