package dev.till.http.dialects.payouts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Seed 003's wire shapes for the subscription: camelCase, as that API writes {@code quoteId}. */
public final class SubscribeJson {
    private SubscribeJson() {}

    /** {@code eventTypes} defaults to every payment event ({@code payment_*}). */
    public record Request(@JsonProperty("url") String url, @JsonProperty("eventTypes") List<String> eventTypes) {}

    public record Response(@JsonProperty("id") String id, @JsonProperty("url") String url,
                           @JsonProperty("eventTypes") List<String> eventTypes, @JsonProperty("active") boolean active,
                           @JsonProperty("secret") String secret, @JsonProperty("createdAt") String createdAt) {}
}
