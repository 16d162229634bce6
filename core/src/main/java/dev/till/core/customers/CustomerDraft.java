package dev.till.core.customers;

/** The merchant-editable fields of a customer; null means "not given" (unchanged on update). */
public record CustomerDraft(String email, String name, String phone, String metadata) {}
