package dev.till.core.payments;

/** The answer to a capture, void or refund request: the action and the payment after it. */
public record ActionResult(String actionId, String reference, PaymentView payment) {}
