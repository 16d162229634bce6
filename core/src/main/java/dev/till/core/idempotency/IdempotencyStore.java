package dev.till.core.idempotency;

import dev.till.core.storage.Sql;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Stored responses of idempotent requests, keyed by merchant, endpoint and key. Lives as long as its handle. */
public final class IdempotencyStore {
    private static final String TRY_LOCK = Sql.of(IdempotencyStore.class, "tryLock");
    private static final String FIND_LIVE = Sql.of(IdempotencyStore.class, "findLive");
    private static final String SAVE = Sql.of(IdempotencyStore.class, "save");
    private static final String PURGE_OLDER_THAN = Sql.of(IdempotencyStore.class, "purgeOlderThan");

    private final Handle h;

    public IdempotencyStore(Handle h) {
        this.h = h;
    }

    /** Takes the transaction-scoped advisory lock for a key; false while another request holds it. */
    public boolean tryLock(long lockId) {
        return h.createQuery(TRY_LOCK).bind("lockId", lockId).mapTo(Boolean.class).one();
    }

    public Optional<IdempotencyRecord> findLive(String merchantId, String endpoint, String key, Instant notBefore) {
        return h.createQuery(FIND_LIVE).bind("merchantId", merchantId).bind("endpoint", endpoint).bind("key", key)
                .bind("notBefore", notBefore)
                .map((rs, ctx) -> new IdempotencyRecord(rs.getBytes("request_hash"), rs.getInt("response_status"),
                        rs.getBytes("response_body")))
                .findOne();
    }

    /** Overwrites an expired row the purge has not reached yet. */
    public void save(String merchantId, String endpoint, String key, byte[] requestHash, int status, byte[] body,
                     Instant createdOn) {
        h.createUpdate(SAVE).bind("merchantId", merchantId).bind("endpoint", endpoint).bind("key", key)
                .bind("requestHash", requestHash).bind("status", status).bind("body", body).bind("createdOn", createdOn)
                .execute();
    }

    public int purgeOlderThan(Instant cutoff) {
        return h.createUpdate(PURGE_OLDER_THAN).bind("cutoff", cutoff).execute();
    }
}
