package dev.till.core.fx;

import java.util.OptionalLong;

/** What a quote is asked for: exactly one of the two amounts is given. */
public record QuoteRequest(String sourceCurrency, String targetCurrency, String country, OptionalLong sourceAmount,
                           OptionalLong targetAmount) {}
