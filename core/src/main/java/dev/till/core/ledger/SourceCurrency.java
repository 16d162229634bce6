package dev.till.core.ledger;

/** One source's (a payment's) funds in one currency, as the ledger keys its entries and settlements. */
public record SourceCurrency(String merchantId, String sourceId, String currency) {}
