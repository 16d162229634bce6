package dev.till.core.payouts;

import java.math.BigInteger;

/** IBAN checks: shape, country prefix and the ISO 13616 mod-97 checksum. */
final class Iban {
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {}

    static boolean valid(String iban) {
        if (iban == null || !iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")) return false;
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) digits.append(Character.digit(c, 36));
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** Spaces are allowed on input ("GB82 WEST 1234 …") and dropped; letters are upper-cased. */
    static String normalise(String iban) {
        return iban == null ? null : iban.replace(" ", "").toUpperCase();
    }
}
