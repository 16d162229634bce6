package dev.till.core.idempotency;

public record IdempotencyRecord(byte[] requestHash, int responseStatus, byte[] responseBody) {}
