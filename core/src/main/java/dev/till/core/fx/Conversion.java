package dev.till.core.fx;

import dev.till.domain.CurrencyCode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * FX arithmetic in exact decimals. The rounding never favours the merchant's beneficiary over
 * the money actually taken:
 * <ul>
 *   <li>the offered rate is the mid rate less the spread, cut (rounded down) to 6 decimals;</li>
 *   <li>a source amount converts to a target amount rounded down to the target's minor unit;</li>
 *   <li>a wanted target amount costs a source amount rounded up to the source's minor unit.</li>
 * </ul>
 */
public final class Conversion {
    public static final int RATE_SCALE = 6;

    private Conversion() {}

    public static BigDecimal offered(BigDecimal mid, long spreadBps) {
        BigDecimal keep = BigDecimal.valueOf(10_000L - spreadBps).movePointLeft(4);
        return mid.multiply(keep).setScale(RATE_SCALE, RoundingMode.DOWN);
    }

    public static long target(long sourceMinor, CurrencyCode source, CurrencyCode target, BigDecimal rate) {
        return source.toMajor(sourceMinor).multiply(rate).movePointRight(target.exponent())
                .setScale(0, RoundingMode.DOWN).longValueExact();
    }

    public static long source(long targetMinor, CurrencyCode source, CurrencyCode target, BigDecimal rate) {
        return target.toMajor(targetMinor).divide(rate, source.exponent(), RoundingMode.UP)
                .movePointRight(source.exponent()).longValueExact();
    }
}
