package dev.till.core.webhooks;

/** An endpoint together with its signing secret in clear: returned once, on create and rotate. */
public record NewSecret(WebhookEndpoint endpoint, String secret) {}
