package dev.till.core.webhooks;

import dev.till.core.crypto.Keysets;
import dev.till.domain.Ids;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints signing secrets and seals them for storage. A secret is {@code whsec_} plus the base64 of
 * its key bytes (the Standard Webhooks format). Stored secrets are AEAD ciphertext bound to the
 * endpoint id, so a row copied onto another endpoint does not decrypt. Thread-safe.
 */
public final class WebhookSecrets {
    public static final String PREFIX = "whsec_";
    /** Opened secrets kept for reuse; far more endpoints than any one node sends to at once. */
    private static final int OPENED_KEPT = 4096;

    private final Ids ids;
    private final Keysets keysets;
    /**
     * Every webhook send signs with its endpoint's secret, and opening it (an AEAD decryption) was
     * the largest piece of Till's own code in a send's profile. Opening is a pure function of the
     * endpoint id and the ciphertext, so the result is kept under both: a rotated secret is new
     * ciphertext and is opened afresh, and no entry can ever be stale.
     */
    private final ConcurrentHashMap<Sealed, String> opened = new ConcurrentHashMap<>();

    private record Sealed(String endpointId, ByteBuffer ciphertext) {}

    public WebhookSecrets(Ids ids, Keysets keysets) {
        this.ids = ids;
        this.keysets = keysets;
    }

    /** 48 base32 characters of the injected randomness: 240 bits of key material. */
    public String mint() {
        byte[] key = ids.randomBase32(48).getBytes(StandardCharsets.US_ASCII);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public byte[] seal(String endpointId, String secret) {
        return keysets.encrypt(secret.getBytes(StandardCharsets.UTF_8), endpointId.getBytes(StandardCharsets.UTF_8));
    }

    public String open(String endpointId, byte[] sealed) {
        Sealed key = new Sealed(endpointId, ByteBuffer.wrap(sealed.clone()));
        String secret = opened.get(key);
        if (secret != null) return secret;
        secret = new String(keysets.decrypt(sealed, endpointId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        if (opened.size() >= OPENED_KEPT) opened.clear(); // rotations and deleted endpoints leave old entries
        opened.put(key, secret);
        return secret;
    }
}
