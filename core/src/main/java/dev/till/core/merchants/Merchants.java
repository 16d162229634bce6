package dev.till.core.merchants;

import dev.till.domain.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Creating merchants and resolving keys. Keys follow Checkout.com's format so its SDK accepts them:
 * {@code sk_sbox_} / {@code pk_sbox_} (test) or {@code sk_} / {@code pk_} (live), then 27 lowercase
 * base32 characters. Only the SHA-256 of a key is stored; the key itself is shown once.
 * <p>
 * Thread-safe. Resolved keys are cached by hash: the lookup sits on every request's hot path.
 * Keys cannot be revoked through the API yet; whoever adds revocation must call {@link #forget}.
 */
public final class Merchants {
    private static final int KEY_RANDOM_LENGTH = 27;

    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final ConcurrentHashMap<String, Optional<Merchant>> cache = new ConcurrentHashMap<>();

    public Merchants(Jdbi jdbi, Ids ids, Clock clock) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
    }

    public NewMerchant create(String name, boolean testMode) {
        String sandbox = testMode ? "sbox_" : "";
        String secret = KeyKind.SECRET.prefix + sandbox + ids.randomBase32(KEY_RANDOM_LENGTH);
        String publishable = KeyKind.PUBLISHABLE.prefix + sandbox + ids.randomBase32(KEY_RANDOM_LENGTH);
        Merchant merchant = new Merchant(ids.next("mer_"), name, testMode ? "test" : "live", "USD", clock.instant());
        jdbi.useTransaction(h -> {
            MerchantStore store = new MerchantStore(h);
            store.insertMerchant(merchant.merchantId(), merchant.name(), merchant.mode(), merchant.createdOn());
            store.insertKey(hash(secret), merchant.merchantId(), KeyKind.SECRET.dbValue(), hint(secret), merchant.createdOn());
            store.insertKey(hash(publishable), merchant.merchantId(), KeyKind.PUBLISHABLE.dbValue(), hint(publishable), merchant.createdOn());
        });
        return new NewMerchant(merchant, secret, publishable);
    }

    /** Resolves a key of the expected kind; a publishable key never opens a secret route. */
    public Optional<Authenticated> authenticate(String key, KeyKind expected) {
        if (key == null || !key.startsWith(expected.prefix)) return Optional.empty();
        String digest = hex(hash(key));
        Optional<Merchant> merchant = cache.get(digest);
        if (merchant == null) {
            merchant = jdbi.withHandle(h -> new MerchantStore(h).findByKey(hash(key), expected.dbValue()));
            if (merchant.isPresent()) cache.put(digest, merchant); // unknown keys are not cached: no memory for attackers
        }
        return merchant.map(m -> new Authenticated(m, expected));
    }

    public Optional<Merchant> find(String merchantId) {
        return jdbi.withHandle(h -> new MerchantStore(h).find(merchantId));
    }

    public int count() {
        return jdbi.withHandle(h -> new MerchantStore(h).count());
    }

    public void forget(String key) {
        cache.remove(hex(hash(key)));
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String hint(String key) {
        return key.substring(0, key.length() - KEY_RANDOM_LENGTH) + "…" + key.substring(key.length() - 4);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
