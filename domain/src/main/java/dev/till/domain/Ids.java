package dev.till.domain;

import java.util.random.RandomGenerator;

/**
 * Mints wire IDs: a prefix that says what the object is, then 26 lowercase base32 characters
 * (130 random bits), the convention Checkout.com's clients expect. No database sequence is ever
 * exposed. Thread-safe when the injected generator is (SecureRandom is).
 */
public final class Ids {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    public static final int RANDOM_LENGTH = 26;

    private final RandomGenerator random;

    public Ids(RandomGenerator random) {
        this.random = random;
    }

    public String next(String prefix) {
        return prefix + randomBase32(RANDOM_LENGTH);
    }

    /**
     * Random base32 text of the given length, for IDs, keys and secrets. The bits are drawn in one
     * call: SecureRandom takes a process-wide lock per call, and a payment mints half a dozen IDs.
     */
    public String randomBase32(int length) {
        byte[] bytes = new byte[(length * 5 + 7) / 8];
        random.nextBytes(bytes);
        char[] out = new char[length];
        int buffer = 0, bits = 0, next = 0;
        for (int i = 0; i < length; i++) {
            if (bits < 5) {
                buffer = (buffer << 8) | (bytes[next++] & 0xff);
                bits += 8;
            }
            out[i] = BASE32[(buffer >>> (bits - 5)) & 31];
            bits -= 5;
        }
        return new String(out);
    }

    public static boolean looksLike(String id, String prefix) {
        return id != null && id.length() == prefix.length() + RANDOM_LENGTH && id.startsWith(prefix)
                && id.substring(prefix.length()).chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
    }
}
