package dev.till.core.payouts;

import dev.till.domain.Problem;

/** The result of one item of a payout batch. */
public sealed interface PayoutResult {
    String externalRef();

    /** A new payout. */
    record Created(Payout payout) implements PayoutResult {
        public String externalRef() {
            return payout.externalRef();
        }
    }

    /** The reference was used before: the payout it created, unchanged. */
    record Existing(Payout payout) implements PayoutResult {
        public String externalRef() {
            return payout.externalRef();
        }
    }

    /** This item failed; nothing of it was kept, and the other items were not affected. */
    record Rejected(String externalRef, Problem problem) implements PayoutResult {}
}
