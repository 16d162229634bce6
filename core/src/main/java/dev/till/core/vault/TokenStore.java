package dev.till.core.vault;

import dev.till.core.storage.Sql;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Single-use card tokens ({@code tok_}) with their encrypted number and CVV. Lives as long as its handle. */
public final class TokenStore {
    private static final String INSERT = Sql.of(TokenStore.class, "insert");
    private static final String FIND_FOR_UPDATE = Sql.of(TokenStore.class, "findForUpdate");
    private static final String MARK_USED = Sql.of(TokenStore.class, "markUsed");
    private static final String WIPE_EXPIRED = Sql.of(TokenStore.class, "wipeExpired");

    private final Handle h;

    public TokenStore(Handle h) {
        this.h = h;
    }

    public void insert(StoredCard card, byte[] numberCiphertext, byte[] cvvCiphertext) {
        CardRows.bind(h.createUpdate(INSERT), card).bind("c.expiresOn", card.expiresOn()).bind("number", numberCiphertext).bind("cvv", cvvCiphertext).execute();
    }

    /**
     * Locks the token (two payments racing for one token see it used exactly once) and reads its
     * encrypted secrets with it; they are null once used or wiped by the expiry job.
     */
    public Optional<Locked> findForUpdate(String merchantId, String id) {
        return h.createQuery(FIND_FOR_UPDATE).bind("merchantId", merchantId).bind("id", id)
                .map((rs, ctx) -> new Locked(CardRows.card(rs), rs.getBytes("number_ciphertext"), rs.getBytes("cvv_ciphertext")))
                .findOne();
    }

    /** Wipes the number and CVV and marks the token used; guarded so it happens once. */
    public int markUsed(String merchantId, String id, Instant now) {
        return h.createUpdate(MARK_USED).bind("merchantId", merchantId).bind("id", id).bind("now", now).execute();
    }

    /** Wipes the secrets of expired tokens, a batch at a time; cross-merchant by design (a job). */
    public int wipeExpired(Instant now, int limit) {
        return h.createUpdate(WIPE_EXPIRED).bind("now", now).bind("limit", limit).execute();
    }

    public record Locked(StoredCard card, byte[] numberCiphertext, byte[] cvvCiphertext) {}
}
