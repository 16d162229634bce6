package dev.till.core.vault;

import dev.till.processor.Card;

/** A stored card and, for the connector call only, its decrypted details. */
public record Redeemed(StoredCard source, Card card) {}
