package dev.till.core.payouts;

import dev.till.processor.payouts.Beneficiary;

/** One payout asked for: the quote it spends, its idempotency reference and where it goes. */
public record PayoutDraft(String externalRef, String quoteId, Beneficiary beneficiary, String reference) {}
