package dev.till.core.ledger;

import java.util.List;

/** A journal entry as the merchant reads it: the entry and its lines. */
public record BalanceTransaction(EntryRow entry, List<LineRow> lines) {}
