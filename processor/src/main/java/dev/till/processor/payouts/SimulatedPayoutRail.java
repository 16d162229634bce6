package dev.till.processor.payouts;

import java.time.Duration;
import java.util.Map;

/**
 * The built-in payout rail: deterministic, offline, driven by test accounts. Any account not in
 * {@link #TEST_ACCOUNTS} completes. Nothing outside this package knows these accounts; the table
 * is documented in docs/ledger.md. Immutable and thread-safe.
 */
public final class SimulatedPayoutRail implements PayoutRail {
    /** IBAN or account number → outcome. All IBANs here pass the mod-97 checksum. */
    public static final Map<String, PayoutOutcome> TEST_ACCOUNTS = Map.of(
            "GB33BUKB20201555555555", new PayoutOutcome.Failed("beneficiary_bank_rejected"),
            "NL91ABNA0417164300", new PayoutOutcome.Failed("beneficiary_bank_rejected"),
            "FR1420041010050500013M02606", new PayoutOutcome.Returned("beneficiary_account_closed"),
            "000111111116", new PayoutOutcome.Failed("beneficiary_bank_rejected"),
            "000111111113", new PayoutOutcome.Returned("beneficiary_account_closed"));

    private static final Duration PROCESSING = Duration.ofMinutes(1);

    @Override
    public Duration processingTime() {
        return PROCESSING;
    }

    @Override
    public PayoutOutcome outcome(Beneficiary beneficiary) {
        String account = beneficiary.iban() != null ? beneficiary.iban() : beneficiary.accountNumber();
        return TEST_ACCOUNTS.getOrDefault(account, new PayoutOutcome.Completed());
    }
}
