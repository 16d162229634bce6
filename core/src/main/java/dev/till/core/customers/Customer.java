package dev.till.core.customers;

import java.time.Instant;

/**
 * A merchant's customer. {@code phone} and {@code metadata} are JSON text, passed through as the
 * merchant sent them.
 */
public record Customer(String id, String merchantId, String email, String name, String phone, String metadata,
                       String defaultSourceId, Instant createdOn, Instant updatedOn) {}
