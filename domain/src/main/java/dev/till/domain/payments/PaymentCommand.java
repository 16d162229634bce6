package dev.till.domain.payments;

/** Everything that can happen to a payment after it was created. */
public sealed interface PaymentCommand {
    /** The network approved the (possibly challenged or reconciled) authorization. */
    record Approve(long amount) implements PaymentCommand {}

    /** The network declined it, or the cardholder failed the challenge. */
    record Decline() implements PaymentCommand {}

    /** @param finalCapture a final partial capture releases the rest of the authorization */
    record Capture(long amount, boolean finalCapture) implements PaymentCommand {}

    record Void() implements PaymentCommand {}

    record Refund(long amount) implements PaymentCommand {}

    /** The authorization was never captured in time. */
    record Expire() implements PaymentCommand {}
}
