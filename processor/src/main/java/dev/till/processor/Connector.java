package dev.till.processor;

import java.util.Optional;

/**
 * The card network behind Till, in its own small vocabulary. A connector is plumbing plus a
 * translator: it turns these requests into the network's messages and the answers back into
 * these outcomes, and it never touches Till's storage. Implementations must be thread-safe.
 */
public interface Connector {
    ConnectorCapabilities capabilities();

    /** The range (BIN) data shown on tokens and sources; empty for an unknown range. */
    Optional<CardProduct> describe(String cardNumber);

    /**
     * A reply that never came is {@link AuthorizationOutcome.Unknown}, never a decline. Till
     * treats an exception from here or from {@link #lookup} the same way (the payment stays
     * Pending for the reconciler); from a capture, void or refund it rolls the action back. Such
     * an exception is logged, so its message must never carry card data.
     * <p>
     * Till may ask twice for one payment: when the transaction that records a group of payments
     * fails as a whole, each is run again alone, under the payment id it was given the first time
     * (PaymentGroups). A connector must answer a repeated authorization of one payment id as it
     * answered the first and move the money once; real networks offer this through an idempotency
     * key, and the simulator's answer follows from the payment id and the card.
     */
    AuthorizationOutcome authorize(AuthorizationRequest request);

    /**
     * Till may ask twice for one capture, when the group it was asked in fails as a whole (a new
     * payment's auto-capture too): the second time under the same action id, payment and amount
     * (PaymentGroups). A connector must answer a repeated capture of one action id as it answered
     * the first and move the money once; the simulator answers a capture from the payment's
     * network reference alone.
     */
    ActionOutcome capture(ActionRequest request);

    ActionOutcome voidAuthorization(ActionRequest request);

    ActionOutcome refund(ActionRequest request);

    /**
     * Asks the network what became of an authorization whose reply never arrived. Unknown again
     * means "still don't know"; a declined answer covers "the network never saw it".
     */
    AuthorizationOutcome lookup(String paymentId);
}
