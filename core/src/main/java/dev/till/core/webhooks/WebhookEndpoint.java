package dev.till.core.webhooks;

import java.time.Instant;

/**
 * A merchant's webhook endpoint as stored. {@code eventTypes} and {@code headers} are JSON text;
 * the secrets are ciphertext (see {@link WebhookSecrets}) and never leave this package in clear
 * except once, when created or rotated.
 */
public record WebhookEndpoint(String id, String merchantId, String url, String eventTypes, boolean active,
                              String headers, byte[] secret, byte[] previousSecret,
                              Instant previousSecretExpiresOn, String disabledReason,
                              Instant createdOn, Instant updatedOn) {}
