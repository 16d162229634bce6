package dev.till.processor.payouts;

/**
 * Who receives a payout: a name and either an IBAN or a local account number (with an optional
 * bank code such as a US routing number), in a country (ISO 3166 alpha-2).
 */
public record Beneficiary(String name, String iban, String accountNumber, String bankCode, String country) {}
