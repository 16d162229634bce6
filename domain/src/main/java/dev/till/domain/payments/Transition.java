package dev.till.domain.payments;

/** Where a command takes a payment: its next status and balances. */
public record Transition(PaymentStatus status, Balances balances) {}
