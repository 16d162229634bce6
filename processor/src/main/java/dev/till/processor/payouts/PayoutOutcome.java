package dev.till.processor.payouts;

/** What the beneficiary's bank did with a payout that was processing. */
public sealed interface PayoutOutcome {
    /** The money arrived. */
    record Completed() implements PayoutOutcome {}

    /** The bank refused it before any money left; {@code code} is snake_case. */
    record Failed(String code) implements PayoutOutcome {}

    /** The money left, then came back (for example the account was closed). */
    record Returned(String code) implements PayoutOutcome {}
}
