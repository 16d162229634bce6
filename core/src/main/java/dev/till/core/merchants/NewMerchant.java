package dev.till.core.merchants;

/** A merchant just created, with the only copy of its keys that will ever be shown. */
public record NewMerchant(Merchant merchant, String secretKey, String publishableKey) {}
