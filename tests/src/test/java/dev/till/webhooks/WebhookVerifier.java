package dev.till.webhooks;

// BEGIN VERIFIER (copied verbatim into docs/webhooks.md; WebhookDocsTest keeps the two equal)
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies a Till webhook (Standard Webhooks signature). Thread-safe; needs only the JDK. */
public final class WebhookVerifier {
    private static final long TOLERANCE_SECONDS = 5 * 60;
    private final byte[] key;

    /** {@code secret} is the endpoint's {@code whsec_…} secret. */
    public WebhookVerifier(String secret) {
        this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
    }

    /**
     * True when the {@code webhook-signature} header holds a valid signature of this exact body
     * and {@code webhook-timestamp} is within 5 minutes of {@code now}. Pass the raw body bytes as
     * received, before any JSON parsing.
     */
    public boolean verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body, Instant now) {
        if (webhookId == null || webhookTimestamp == null || webhookSignature == null) return false;
        long timestamp;
        try {
            timestamp = Long.parseLong(webhookTimestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE_SECONDS) return false;
        byte[] expected = hmac((webhookId + "." + webhookTimestamp.trim() + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String candidate : webhookSignature.trim().split(" +")) {
            if (!candidate.startsWith("v1,")) continue;
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) return true;
            } catch (IllegalArgumentException notBase64) {
                // try the next signature
            }
        }
        return false;
    }

    private byte[] hmac(byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
// END VERIFIER
