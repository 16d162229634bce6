package dev.till.http.dialects.april;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * April's wire types. April writes camelCase where Till writes snake_case, so every field is
 * named explicitly rather than through the shared naming strategy.
 */
public final class AprilJson {
    private AprilJson() {}

    public record PayOrder(@JsonProperty("PayByCard") PayByCard payByCard) {}

    public record PayByCard(@JsonProperty("paymentTokenId") String paymentTokenId) {}

    public record Transaction(@JsonProperty("transactionId") String transactionId,
                              @JsonProperty("transactionStatus") String transactionStatus,
                              @JsonProperty("amount") long amount,
                              @JsonProperty("currency") String currency,
                              @JsonProperty("payType") String payType,
                              @JsonProperty("refundedAmount") Long refundedAmount) {}

    public record UpdateTransaction(@JsonProperty("CreateRefund") CreateRefund createRefund) {}

    public record CreateRefund(@JsonProperty("refundAmount") Long refundAmount) {}

    public record Error(@JsonProperty("statusCode") int statusCode,
                        @JsonProperty("errorCode") String errorCode,
                        @JsonProperty("message") String message,
                        @JsonProperty("tracer") String tracer,
                        @JsonProperty("detail") String detail,
                        @JsonProperty("errorTypeDescription") String errorTypeDescription) {}
}
