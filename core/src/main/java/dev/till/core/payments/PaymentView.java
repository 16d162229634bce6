package dev.till.core.payments;

import dev.till.core.customers.Customer;
import dev.till.core.vault.StoredCard;

/** A payment with its stored card and customer, as the API and events show it; both may be null. */
public record PaymentView(Payment payment, StoredCard source, Customer customer) {}
