package dev.till.http.customers;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.customers.Customer;
import java.util.List;

/** Wire shapes of the customers API, following Checkout.com's customers resource. */
public final class CustomerJson {
    private CustomerJson() {}

    public record Phone(String countryCode, String number) {}

    /** Create and update share one shape; on update, a missing field stays as it was. */
    public record Request(String email, String name, Phone phone, JsonNode metadata) {}

    public record Response(String id, String email, String name, @JsonRawValue String phone,
                           @JsonRawValue String metadata, String defaultSourceId, String createdOn) {
        public static Response of(Customer c) {
            return new Response(c.id(), c.email(), c.name(), c.phone(), c.metadata(), c.defaultSourceId(), c.createdOn().toString());
        }
    }

    public record ListResponse(List<Response> data, boolean hasMore, String nextCursor) {}
}
