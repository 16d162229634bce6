package dev.till.core.orders;

import java.time.Instant;
import java.util.List;

/** An order with its lines, attempts and status history, as the API's views need it. */
public record OrderView(Order order, List<OrderProduct> products, List<OrderAttempt> attempts, List<StatusChange> history) {
    public record StatusChange(String status, Instant at) {}
}
