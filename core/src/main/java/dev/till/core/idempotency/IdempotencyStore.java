package dev.till.core.idempotency;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.generic.GenericType;

/**
 * Stored responses of idempotent requests, keyed by merchant, endpoint and key. Each statement
 * takes a list: one request's key, or those of a group of concurrent requests sharing one
 * transaction. Lives as long as its handle.
 */
public final class IdempotencyStore {
    private static final String TRY_LOCK_ALL = Sql.of(IdempotencyStore.class, "tryLockAll");
    private static final String FIND_LIVE_ALL = Sql.of(IdempotencyStore.class, "findLiveAll");
    private static final String SAVE_ALL = Sql.of(IdempotencyStore.class, "saveAll");
    private static final String PURGE_OLDER_THAN = Sql.of(IdempotencyStore.class, "purgeOlderThan");
    private static final GenericType<Iterable<Long>> LOCK_IDS = SqlArrays.BIGINT;

    private final Handle h;

    public IdempotencyStore(Handle h) {
        this.h = h;
    }

    /** Takes the transaction-scoped advisory locks; for each, false while another request holds it. */
    public List<Boolean> tryLockAll(List<Long> lockIds) {
        return h.createQuery(TRY_LOCK_ALL).bindByType("lockIds", lockIds, LOCK_IDS).mapTo(Boolean.class).list();
    }

    /** The live record of each key, in the order given; null where there is none. */
    public List<IdempotencyRecord> findLiveAll(List<Idempotency.Key> keys, Instant notBefore) {
        Map<List<String>, IdempotencyRecord> rows = new HashMap<>();
        h.createQuery(FIND_LIVE_ALL)
                .bindByType("merchantIds", column(keys, Idempotency.Key::merchantId), SqlArrays.TEXT)
                .bindByType("endpoints", column(keys, Idempotency.Key::endpoint), SqlArrays.TEXT)
                .bindByType("keys", column(keys, Idempotency.Key::key), SqlArrays.TEXT)
                .bind("notBefore", notBefore)
                .map((rs, ctx) -> Map.entry(List.of(rs.getString("merchant_id"), rs.getString("endpoint"), rs.getString("idempotency_key")),
                        new IdempotencyRecord(rs.getBytes("request_hash"), rs.getInt("response_status"), rs.getBytes("response_body"))))
                .forEach(e -> rows.put(e.getKey(), e.getValue()));
        List<IdempotencyRecord> found = new ArrayList<>(keys.size());
        for (Idempotency.Key k : keys) found.add(rows.get(List.of(k.merchantId(), k.endpoint(), k.key())));
        return found;
    }

    /** Records each key's response ({@code bodies} as stored: encrypted); overwrites an expired row. */
    public void saveAll(List<Idempotency.Key> keys, List<Integer> statuses, List<byte[]> bodies, Instant createdOn) {
        Base64.Encoder base64 = Base64.getEncoder();
        h.createUpdate(SAVE_ALL)
                .bindByType("merchantIds", column(keys, Idempotency.Key::merchantId), SqlArrays.TEXT)
                .bindByType("endpoints", column(keys, Idempotency.Key::endpoint), SqlArrays.TEXT)
                .bindByType("keys", column(keys, Idempotency.Key::key), SqlArrays.TEXT)
                .bindByType("requestHashes", column(keys, k -> base64.encodeToString(k.requestHash())), SqlArrays.TEXT)
                .bindByType("statuses", statuses, SqlArrays.INTEGER)
                .bindByType("bodies", column(bodies, base64::encodeToString), SqlArrays.TEXT)
                .bind("createdOn", createdOn)
                .execute();
    }

    public int purgeOlderThan(Instant cutoff) {
        return h.createUpdate(PURGE_OLDER_THAN).bind("cutoff", cutoff).execute();
    }
}
