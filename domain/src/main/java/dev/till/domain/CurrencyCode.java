package dev.till.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * An ISO 4217 currency that money can be moved in. The exponent is the number of minor-unit
 * digits: 2 for USD, 0 for JPY, 3 for KWD. Codes with no exponent (gold, testing codes) are refused.
 */
public record CurrencyCode(String code, int exponent) {

    public static Optional<CurrencyCode> parse(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) return Optional.empty();
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? Optional.empty() : Optional.of(new CurrencyCode(code, digits));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public static CurrencyCode of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("not an ISO 4217 currency: " + code));
    }

    /** Converts a decimal amount in major units to minor units, refusing any precision the currency lacks. */
    public Optional<Long> toMinor(BigDecimal major) {
        try {
            return Optional.of(major.movePointRight(exponent).longValueExact());
        } catch (ArithmeticException tooPrecise) {
            return Optional.empty();
        }
    }

    public BigDecimal toMajor(long minor) {
        return BigDecimal.valueOf(minor, exponent);
    }

    public String format(long minor) {
        return toMajor(minor).toPlainString() + " " + code;
    }

    @Override
    public String toString() {
        return code;
    }
}
