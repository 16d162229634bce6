package dev.till.core.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs one delivery attempt. Standard Webhooks: {@code webhook-signature} is
 * {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}, one per valid secret,
 * space-separated, where the key is the base64-decoded part after {@code whsec_}. Checkout.com's
 * {@code Cko-Signature} is the hex HMAC-SHA256 of the body keyed with the whole secret string as
 * UTF-8 (how its merchants' verifiers use a configured secret), with the current secret only.
 * Stateless and thread-safe.
 */
public final class WebhookSigner {
    private WebhookSigner() {}

    public record Signatures(String standard, String cko) {}

    /** {@code secrets} lists the current secret first, then a previous one still in its overlap. */
    public static Signatures sign(List<String> secrets, String eventId, long timestamp, byte[] body) {
        byte[] prefix = (eventId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        String standard = secrets.stream()
                .map(s -> "v1," + Base64.getEncoder().encodeToString(hmac(keyBytes(s), prefix, body)))
                .collect(Collectors.joining(" "));
        String cko = HexFormat.of().formatHex(hmac(secrets.getFirst().getBytes(StandardCharsets.UTF_8), new byte[0], body));
        return new Signatures(standard, cko);
    }

    static byte[] keyBytes(String secret) {
        String encoded = secret.startsWith(WebhookSecrets.PREFIX) ? secret.substring(WebhookSecrets.PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] hmac(byte[] key, byte[] first, byte[] second) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(first);
            return mac.doFinal(second);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
