package dev.till.processor;

import java.util.Optional;
import java.util.Set;

/**
 * The card schemes Till accepts, with the public rules every network publishes: number prefixes,
 * number lengths and the length of the security code. Names are Checkout.com's spelling.
 */
public enum CardScheme {
    VISA("Visa", Set.of(13, 16, 19), 3),
    MASTERCARD("Mastercard", Set.of(16), 3),
    AMEX("Amex", Set.of(15), 4),
    DISCOVER("Discover", Set.of(16, 19), 3);

    private final String wire;
    private final Set<Integer> lengths;
    private final int cvvLength;

    CardScheme(String wire, Set<Integer> lengths, int cvvLength) {
        this.wire = wire;
        this.lengths = lengths;
        this.cvvLength = cvvLength;
    }

    public String wire() {
        return wire;
    }

    public boolean validLength(String number) {
        return lengths.contains(number.length());
    }

    public int cvvLength() {
        return cvvLength;
    }

    /** The scheme a card number's prefix names; empty for an unknown prefix or anything but ASCII digits there. */
    public static Optional<CardScheme> detect(String number) {
        if (number == null || number.isEmpty()) return Optional.empty();
        if (number.startsWith("4")) return Optional.of(VISA);
        if (number.startsWith("34") || number.startsWith("37")) return Optional.of(AMEX);
        if (number.startsWith("6011") || number.startsWith("65") || prefixBetween(number, 3, 644, 649)) return Optional.of(DISCOVER);
        if (prefixBetween(number, 2, 51, 55) || prefixBetween(number, 4, 2221, 2720)) return Optional.of(MASTERCARD);
        return Optional.empty();
    }

    private static boolean prefixBetween(String number, int digits, int low, int high) {
        if (number.length() < digits) return false;
        int prefix = 0;
        for (int i = 0; i < digits; i++) {
            char c = number.charAt(i);
            // By hand: Integer.parseInt throws on " 42" and reads "+42" and non-ASCII digits as numbers.
            if (c < '0' || c > '9') return false;
            prefix = prefix * 10 + (c - '0');
        }
        return prefix >= low && prefix <= high;
    }

    /** The Luhn (mod 10) check digit test every card number passes. */
    public static boolean luhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
