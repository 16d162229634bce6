package dev.till.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.domain.Money;
import dev.till.domain.Validation;
import java.util.regex.Pattern;

/** Field checks shared by the wire formats. */
public final class Validate {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");
    public static final int MAX_METADATA_KEYS = 50;

    private Validate() {}

    public static boolean email(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    /** The ceiling every amount shares, {@link Money#MAX_MINOR}; each request checks its own floor. */
    public static void amountCeiling(Validation v, Long amount, String param) {
        if (amount == null) return;
        v.check(amount <= Money.MAX_MINOR, "amount_invalid", param, param + " may be at most " + Money.MAX_MINOR + " minor units.");
    }

    /** Metadata is a flat object of up to 50 string, number or boolean values (Checkout.com's rule). */
    public static void metadata(Validation v, JsonNode metadata) {
        if (metadata == null || metadata.isNull()) return;
        if (!metadata.isObject()) {
            v.fail("metadata_invalid", "metadata", "metadata must be a JSON object.");
            return;
        }
        if (metadata.size() > MAX_METADATA_KEYS) {
            v.fail("metadata_invalid", "metadata", "metadata may hold at most " + MAX_METADATA_KEYS + " keys.");
            return;
        }
        for (var field : metadata.properties()) {
            JsonNode value = field.getValue();
            if (!(value.isTextual() || value.isNumber() || value.isBoolean()) || field.getKey().length() > 100
                    || (value.isTextual() && value.textValue().length() > 500)) {
                v.fail("metadata_invalid", "metadata." + field.getKey(),
                        "metadata values must be strings (up to 500 characters), numbers or booleans.");
                return;
            }
        }
    }

    public static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }
}
