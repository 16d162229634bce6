package dev.till.core.fx;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A locked FX price for one payout: {@code sourceAmount} of the merchant's currency buys
 * {@code targetAmount} at {@code rate}, plus {@code fee} in the source currency, until
 * {@code expiresOn}. Used by at most one payout ({@code usedBy}).
 */
public record Quote(String id, String merchantId, String sourceCurrency, long sourceAmount, String targetCurrency,
                    long targetAmount, String country, BigDecimal rate, long fee, Instant createdOn, Instant expiresOn,
                    String usedBy) {}
