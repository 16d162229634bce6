package dev.till.core.webhooks;

import java.time.Instant;

/**
 * One event on its way to one endpoint. {@code status} is pending (due at {@code nextAttemptAt},
 * or paused while the endpoint is inactive), succeeded or failed.
 */
public record Delivery(String merchantId, String eventId, String endpointId, String eventType, String status,
                       int attempts, Instant nextAttemptAt, Integer lastStatus, Instant createdOn, Instant updatedOn) {}
