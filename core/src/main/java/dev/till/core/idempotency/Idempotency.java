package dev.till.core.idempotency;

import dev.till.core.crypto.Keysets;
import dev.till.domain.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs one write in one transaction, together with its idempotency record.
 * <ul>
 *   <li>A transaction-scoped advisory lock on (merchant, endpoint, key) makes a concurrent retry
 *       answer 409 {@code idempotency_key_in_use} at once, instead of running the effect twice.</li>
 *   <li>A finished request's response is stored in the same transaction as its effect, so a crash
 *       can never leave an effect without its record (or the reverse).</li>
 *   <li>Work that throws rolls back and stores nothing: failed validation can be retried.</li>
 * </ul>
 * Thread-safe.
 */
public final class Idempotency {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration ttl;
    private final Keysets keysets;

    public Idempotency(Jdbi jdbi, Clock clock, Duration ttl, Keysets keysets) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ttl = ttl;
        this.keysets = keysets;
    }

    /** The caller's key for one endpoint; {@code requestHash} is a keyed hash of the canonical request. */
    public record Key(String merchantId, String endpoint, String key, byte[] requestHash) {}

    public StoredResponse run(Optional<Key> key, Function<Handle, StoredResponse> work) {
        return jdbi.inTransaction(h -> {
            if (key.isEmpty()) return work.apply(h);
            Key k = key.get();
            IdempotencyStore store = new IdempotencyStore(h);
            if (!store.tryLock(lockId(k.merchantId(), k.endpoint(), k.key()))) {
                throw Problem.conflict("idempotency_key_in_use",
                        "A request with this Idempotency-Key is still being processed; retry when it has finished.").toException();
            }
            Optional<IdempotencyRecord> prior = store.findLive(k.merchantId(), k.endpoint(), k.key(), clock.instant().minus(ttl));
            if (prior.isPresent()) {
                if (!MessageDigest.isEqual(prior.get().requestHash(), k.requestHash())) {
                    throw Problem.invalid("idempotency_key_reused", null,
                            "This Idempotency-Key was already used with a different request on this endpoint.").toException();
                }
                byte[] body = keysets.decrypt(prior.get().responseBody(), associatedData(k));
                return new StoredResponse(prior.get().responseStatus(), body, true);
            }
            StoredResponse response = work.apply(h);
            // Responses can carry secrets shown once (a webhook signing secret): kept encrypted at rest.
            store.save(k.merchantId(), k.endpoint(), k.key(), k.requestHash(), response.status(),
                    keysets.encrypt(response.body(), associatedData(k)), clock.instant());
            return response;
        });
    }

    private static byte[] associatedData(Key k) {
        return (k.merchantId() + "\n" + k.endpoint() + "\n" + k.key()).getBytes(StandardCharsets.UTF_8);
    }

    public int purgeExpired() {
        return jdbi.withHandle(h -> new IdempotencyStore(h).purgeOlderThan(clock.instant().minus(ttl)));
    }

    /** The advisory-lock number of one key; public so tests can hold a key "in flight" deterministically. */
    public static long lockId(String merchantId, String endpoint, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(merchantId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(endpoint.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
