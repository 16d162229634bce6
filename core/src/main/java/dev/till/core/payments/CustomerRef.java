package dev.till.core.payments;

/** Names a payment's customer: by {@code id}, or by {@code email} (created when unknown). */
public record CustomerRef(String id, String email, String name) {}
