package dev.till.processor;

/** What the network said about a capture, void or refund. */
public sealed interface ActionOutcome {
    record Approved(String networkReference) implements ActionOutcome {}

    record Declined(String responseCode, String responseSummary) implements ActionOutcome {}
}
