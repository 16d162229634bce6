package dev.till.processor;

/** What a connector can do; Till refuses what its connector does not declare instead of faking it. */
public record ConnectorCapabilities(boolean partialCapture, boolean multipleCaptures, boolean partialRefund,
                                    boolean threeDs, boolean lookup) {}
