package dev.till.core.payments;

/**
 * The answer to a capture, void or refund request: the action, whether the network approved it
 * (a declined one is recorded and leaves the payment as it was), and the payment after it.
 */
public record ActionResult(String actionId, String reference, boolean approved, PaymentView payment) {}
