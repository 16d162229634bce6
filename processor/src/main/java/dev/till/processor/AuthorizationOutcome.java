package dev.till.processor;

/**
 * What the network said about an authorization. "Declined" is a definite answer; "Unknown" means
 * we never heard back (timeout, lost reply) and must never be treated as a decline: the payment
 * stays pending until a reconciler asks {@link Connector#lookup}.
 */
public sealed interface AuthorizationOutcome {
    /** @param immediateFunds the funds skip the acquirer's pending period (the ledger cares) */
    record Approved(String networkReference, String authCode, String avsCheck, String cvvCheck, boolean riskFlagged,
                    boolean immediateFunds) implements AuthorizationOutcome {}

    record Declined(String networkReference, String responseCode, String responseSummary) implements AuthorizationOutcome {}

    /** The issuer wants the cardholder to pass 3-D Secure first. */
    record ChallengeRequired() implements AuthorizationOutcome {}

    record Unknown(String reason) implements AuthorizationOutcome {}
}
