package dev.till.core.fx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One loaded rate file: mid-market units per US dollar, and where each currency may be paid out.
 * Cross rates go through the dollar. Immutable.
 */
public record RateTable(Map<String, BigDecimal> unitsPerUsd, Map<String, Set<String>> countries) {
    /** Digits kept in a mid rate before the spread is applied. */
    private static final int MID_SCALE = 12;

    public RateTable {
        unitsPerUsd = Map.copyOf(unitsPerUsd);
        countries = Map.copyOf(countries);
    }

    public boolean supports(String currency) {
        return unitsPerUsd.containsKey(currency);
    }

    public boolean paysOutTo(String currency, String country) {
        return countries.getOrDefault(currency, Set.of()).contains(country);
    }

    /** Units of {@code target} per unit of {@code source}, at mid market. */
    public Optional<BigDecimal> mid(String source, String target) {
        BigDecimal s = unitsPerUsd.get(source);
        BigDecimal t = unitsPerUsd.get(target);
        if (s == null || t == null) return Optional.empty();
        return Optional.of(t.divide(s, MID_SCALE, RoundingMode.HALF_EVEN));
    }
}
