package dev.till.processor.payouts;

import java.time.Duration;

/** A bank transfer network that payouts travel on. Implementations state their thread-safety. */
public interface PayoutRail {
    /** How long a payout stays {@code processing} before its outcome is known. */
    Duration processingTime();

    /** The outcome for a payout to this beneficiary, asked once processing is over. */
    PayoutOutcome outcome(Beneficiary beneficiary);
}
