package dev.till.core.vault;

import dev.till.domain.Validation;
import dev.till.processor.CardScheme;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Checkout.com's card validation: Luhn, scheme lengths, future expiry, CVV length per scheme. */
public final class CardChecks {
    private CardChecks() {}

    public static void validate(CardInput c, Clock clock, String prefix) {
        Validation v = new Validation();
        String number = c.number();
        CardScheme scheme = null;
        if (number == null || number.isEmpty()) {
            v.fail("card_number_required", prefix + "number", "The card number is required.");
        } else {
            // Digits first: the scheme and Luhn rules are only defined on a string of digits.
            if (number.matches("[0-9]{12,19}")) scheme = CardScheme.detect(number).orElse(null);
            boolean ok = scheme != null && scheme.validLength(number) && CardScheme.luhn(number);
            if (!ok) {
                scheme = null;
                v.fail("card_number_invalid", prefix + "number", "The card number is not a valid card number.");
            }
        }
        boolean monthOk = c.expiryMonth() != null && c.expiryMonth() >= 1 && c.expiryMonth() <= 12;
        boolean yearOk = c.expiryYear() != null && c.expiryYear() >= 1000 && c.expiryYear() <= 9999;
        if (c.expiryMonth() == null) v.fail("card_expiry_month_required", prefix + "expiry_month", "expiry_month is required.");
        else v.check(monthOk, "card_expiry_month_invalid", prefix + "expiry_month", "expiry_month must be 1 to 12.");
        if (c.expiryYear() == null) v.fail("card_expiry_year_required", prefix + "expiry_year", "expiry_year is required.");
        else v.check(yearOk, "card_expiry_year_invalid", prefix + "expiry_year", "expiry_year must have four digits.");
        if (monthOk && yearOk) {
            YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
            v.check(!YearMonth.of(c.expiryYear(), c.expiryMonth()).isBefore(now), "card_expired", prefix + "expiry_year",
                    "The card has expired.");
        }
        if (c.cvv() != null) {
            boolean cvvOk = c.cvv().matches(scheme == null ? "[0-9]{3,4}" : "[0-9]{" + scheme.cvvLength() + "}");
            v.check(cvvOk, "cvv_invalid", prefix + "cvv", scheme == null ? "The CVV must be 3 or 4 digits."
                    : "The CVV of a " + scheme.wire() + " card has " + scheme.cvvLength() + " digits.");
        }
        // U+0000 cannot be stored; the JSON readers refuse it, but the hosted forms hand their fields here.
        if (c.name() != null) v.check(c.name().length() <= 255 && c.name().indexOf('\0') < 0, "card_holder_name_invalid", prefix + "name",
                "name may be at most 255 characters, without U+0000.");
        v.throwIfInvalid();
    }
}
