package dev.till.core.payments;

import java.time.Instant;

/** One thing that happened to a payment at the network: Authorization, Card Verification, Capture, Void or Refund. */
public record PaymentAction(String id, String merchantId, String paymentId, String type, long amount, boolean approved,
                            String authCode, String responseCode, String responseSummary, String reference,
                            String metadata, Instant processedOn, int seq) {}
