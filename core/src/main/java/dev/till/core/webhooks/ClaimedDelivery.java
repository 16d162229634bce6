package dev.till.core.webhooks;

import java.time.Instant;

/** A delivery this worker holds the lease on, with everything needed to send it. */
public record ClaimedDelivery(String merchantId, String eventId, String endpointId, String eventType,
                              int roundAttempts, Instant scheduleStart, String url, String headers, byte[] secret,
                              byte[] previousSecret, Instant previousSecretExpiresOn, Instant eventCreatedOn,
                              String data) {}
