package dev.till.core.customers;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** What a customer event carries: the customer as the API shows it. */
public record CustomerSnapshot(String id, String email, String name, @JsonRawValue String phone,
                               @JsonRawValue String metadata, String defaultSourceId) {
    public static CustomerSnapshot of(Customer c) {
        return new CustomerSnapshot(c.id(), c.email(), c.name(), c.phone(), c.metadata(), c.defaultSourceId());
    }
}
