package dev.till.core.orders;

import java.time.Instant;
import java.util.List;

/**
 * A validated order request. Nulls mean "not given": the currency, the redirects and the due-date
 * choice then come from the merchant's defaults.
 */
public record OrderDraft(String clientEmail, String clientName, String clientPhone, List<OrderProduct> products,
                         String currency, String description, String reference, String metadata, Instant dueDate,
                         Boolean expireOnDueDate, Integer maxPaymentAttempts, boolean capture, String successRedirect,
                         String inProgressRedirect, String failureRedirect) {}
