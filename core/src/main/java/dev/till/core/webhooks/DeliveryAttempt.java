package dev.till.core.webhooks;

import java.time.Instant;

/**
 * One HTTP attempt, kept forever as its own row. {@code outcome}: succeeded, retrying, failed (no
 * time left) or paused (the endpoint answered 410 and was disabled). {@code statusCode} is null when
 * no answer came (timeout, refused connection, refused address). {@code number} counts the
 * delivery's attempts from 1 in the order they were recorded, a late send's (its lease lapsed
 * while it was sent) included.
 */
public record DeliveryAttempt(String id, String merchantId, String eventId, String endpointId, int number,
                              Instant attemptedOn, String outcome, Integer statusCode, int latencyMs, String error,
                              String responseExcerpt) {}
