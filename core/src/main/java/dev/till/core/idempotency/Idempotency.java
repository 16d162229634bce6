package dev.till.core.idempotency;

import dev.till.core.crypto.Keysets;
import dev.till.domain.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs one write in one transaction, together with its idempotency record.
 * <ul>
 *   <li>A transaction-scoped advisory lock on (merchant, endpoint, key) makes a concurrent retry
 *       answer 409 {@code idempotency_key_in_use} at once, instead of running the effect twice
 *       (a payout or an order's refund once it has had its turn among its merchant's debits:
 *       DebitTurns; a payments-API refund once its group is written: PaymentGroups).</li>
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
            switch (checkAll(h, List.of(key)).getFirst()) {
                case Check.Answered a -> {
                    return a.response();
                }
                case Check.Refused r -> throw r.refusal();
                case Check.Proceed p -> { }
            }
            StoredResponse response = work.apply(h);
            key.ifPresent(k -> saveAll(h, List.of(k), List.of(response)));
            return response;
        });
    }

    /** What the keys say about one request before its work runs. */
    public sealed interface Check {
        /** No key, or a key seen for the first time: run the work, then {@link #saveAll} its answer. */
        record Proceed() implements Check {}

        /** A retry of a finished request: its stored answer, replayed. */
        record Answered(StoredResponse response) implements Check {}

        /** Refused: the key is in use by a request still running, or was used with another request. */
        record Refused(RuntimeException refusal) implements Check {}
    }

    /**
     * Checks the keys of requests that share the caller's transaction (one request's, or a group's
     * of concurrent requests), in order: each key's lock is taken, then its record looked up, one
     * statement for all. Advisory locks are re-entrant within a transaction, so a key that appears
     * a second time here is refused as in use, as a concurrent retry on another connection would be.
     */
    public List<Check> checkAll(Handle tx, List<Optional<Key>> keys) {
        List<Check> checks = new ArrayList<>(Collections.nCopies(keys.size(), (Check) new Check.Proceed()));
        List<Key> keyed = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).isEmpty()) continue;
            Key k = keys.get(i).get();
            if (!seen.add(List.of(k.merchantId(), k.endpoint(), k.key()))) {
                checks.set(i, new Check.Refused(inUse()));
                continue;
            }
            keyed.add(k);
            places.add(i);
        }
        if (keyed.isEmpty()) return checks;
        IdempotencyStore store = new IdempotencyStore(tx);
        List<Boolean> locked = store.tryLockAll(keyed.stream().map(k -> lockId(k.merchantId(), k.endpoint(), k.key())).toList());
        List<Key> held = new ArrayList<>();
        List<Integer> heldPlaces = new ArrayList<>();
        for (int j = 0; j < keyed.size(); j++) {
            if (locked.get(j)) {
                held.add(keyed.get(j));
                heldPlaces.add(places.get(j));
            } else {
                checks.set(places.get(j), new Check.Refused(inUse()));
            }
        }
        if (held.isEmpty()) return checks;
        // A statement of its own, after the locks: its snapshot then sees a request that committed
        // while this one waited for nothing (a lookup in the locking statement could miss it).
        List<IdempotencyRecord> prior = store.findLiveAll(held, clock.instant().minus(ttl));
        for (int j = 0; j < held.size(); j++) {
            IdempotencyRecord found = prior.get(j);
            if (found == null) continue;
            Key k = held.get(j);
            if (!MessageDigest.isEqual(found.requestHash(), k.requestHash())) {
                checks.set(heldPlaces.get(j), new Check.Refused(Problem.invalid("idempotency_key_reused", null,
                        "This Idempotency-Key was already used with a different request on this endpoint.").toException()));
            } else {
                byte[] body = keysets.decrypt(found.responseBody(), associatedData(k));
                checks.set(heldPlaces.get(j), new Check.Answered(new StoredResponse(found.responseStatus(), body, true)));
            }
        }
        return checks;
    }

    /** Records finished requests' answers under their keys, in the transaction that did their work. */
    public void saveAll(Handle tx, List<Key> keys, List<StoredResponse> responses) {
        if (keys.isEmpty()) return;
        List<Integer> statuses = new ArrayList<>(keys.size());
        List<byte[]> bodies = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            statuses.add(responses.get(i).status());
            // Responses can carry secrets shown once (a webhook signing secret): kept encrypted at rest.
            bodies.add(keysets.encrypt(responses.get(i).body(), associatedData(keys.get(i))));
        }
        new IdempotencyStore(tx).saveAll(keys, statuses, bodies, clock.instant());
    }

    private static RuntimeException inUse() {
        return Problem.conflict("idempotency_key_in_use",
                "A request with this Idempotency-Key is still being processed; retry when it has finished.").toException();
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
