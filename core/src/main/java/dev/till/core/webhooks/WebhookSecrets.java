package dev.till.core.webhooks;

import dev.till.core.crypto.Keysets;
import dev.till.domain.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mints signing secrets and seals them for storage. A secret is {@code whsec_} plus the base64 of
 * its key bytes (the Standard Webhooks format). Stored secrets are AEAD ciphertext bound to the
 * endpoint id, so a row copied onto another endpoint does not decrypt. Thread-safe.
 */
public final class WebhookSecrets {
    public static final String PREFIX = "whsec_";

    private final Ids ids;
    private final Keysets keysets;

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
        return new String(keysets.decrypt(sealed, endpointId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
