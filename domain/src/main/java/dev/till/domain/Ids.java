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
        char[] out = new char[RANDOM_LENGTH];
        for (int i = 0; i < out.length; i++) out[i] = BASE32[random.nextInt(32)];
        return prefix + new String(out);
    }

    /** Random base32 text of the given length, for keys and secrets. */
    public String randomBase32(int length) {
        char[] out = new char[length];
        for (int i = 0; i < out.length; i++) out[i] = BASE32[random.nextInt(32)];
        return new String(out);
    }

    public static boolean looksLike(String id, String prefix) {
        return id != null && id.length() == prefix.length() + RANDOM_LENGTH && id.startsWith(prefix)
                && id.substring(prefix.length()).chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
    }
}
