package dev.till.core.payments;

import java.util.List;

/** One page of payments and how many match in total (Checkout.com's payments query answer). */
public record PaymentList(int totalCount, List<PaymentView> data) {}
