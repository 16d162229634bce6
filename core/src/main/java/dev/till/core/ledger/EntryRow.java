package dev.till.core.ledger;

import java.time.Instant;

/** A stored journal entry, without its lines. */
public record EntryRow(String id, String merchantId, String type, String sourceId, String actionId, String description,
                       Instant createdOn) {}
