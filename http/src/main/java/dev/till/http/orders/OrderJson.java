package dev.till.http.orders;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Wire shapes of the orders API (seed 001). Product prices travel as decimals in major units, the
 * way merchants write them; every other amount is an integer in minor units.
 */
public final class OrderJson {
    private OrderJson() {}

    public record Client(String email, String name, String phone) {}

    /** {@code price} is read as an exact decimal, never through a double. */
    public record Product(String title, BigDecimal price, Integer quantity) {}

    public record Request(Client client, List<Product> products, String currency, String description, String reference,
                          JsonNode metadata, String dueDate, Boolean expireOnDueDate, Integer maxPaymentAttempts,
                          Boolean capture, String successRedirect, String inProgressRedirect, String failureRedirect) {}

    public record ProductLine(String title, BigDecimal price, int quantity, long amount) {}

    public record Transaction(String paymentId, String outcome, String createdOn) {}

    public record StatusChange(String status, String at) {}

    /** One shape for the three views; {@link OrderViews} fills the fields each view includes. */
    public record Response(String type, String id, String currency, long amount, String status,
                           List<Transaction> transactions, String checkoutUrl, String apiDoUrl,
                           List<ProductLine> products, Client client, String description, String reference,
                           @JsonRawValue String metadata, Boolean capture, Long refundedAmount, String dueDate,
                           Boolean expireOnDueDate, Integer maxPaymentAttempts, Integer paymentAttempts,
                           String successRedirect, String inProgressRedirect, String failureRedirect,
                           String createdOn, String updatedOn, String heldOn, List<StatusChange> statusHistory) {}

    public record ListResponse(List<Response> data, boolean hasMore, String nextCursor) {}

    public record Settings(String successRedirect, String inProgressRedirect, String failureRedirect,
                           Boolean expireOnDueDate) {}

    public record DisputeRequest(String stage) {}
}
