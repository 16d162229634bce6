package dev.till.core.vault;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Single-use card tokens ({@code tok_}) with their encrypted number and CVV. Lives as long as its handle. */
public final class TokenStore {
    private static final String INSERT_ALL = Sql.of(TokenStore.class, "insertAll");
    private static final String USE_ALL = Sql.of(TokenStore.class, "useAll");
    private static final String WIPE_EXPIRED = Sql.of(TokenStore.class, "wipeExpired");

    private final Handle h;

    public TokenStore(Handle h) {
        this.h = h;
    }

    /** New tokens with their encrypted secrets, in one statement however many. */
    public void insertAll(List<Vault.NewToken> tokens) {
        List<StoredCard> cards = column(tokens, Vault.NewToken::card);
        CardRows.bindAll(h.createUpdate(INSERT_ALL), cards)
                .bindByType("numbers", column(tokens, t -> CardRows.base64(t.numberCiphertext())), SqlArrays.TEXT)
                .bindByType("cvvs", column(tokens, t -> CardRows.base64(t.cvvCiphertext())), SqlArrays.TEXT)
                .bindByType("expiresOns", column(cards, c -> SqlArrays.timestamp(c.expiresOn())), SqlArrays.TEXT)
                .execute();
    }

    /**
     * Locks the tokens and takes those that can be used, in one statement however many: each is
     * marked used and its secrets wiped, unless it was used, has expired or was wiped by the expiry
     * job. {@code merchantIds} and {@code ids} run in parallel; the answer is in the same order,
     * each token as it stood before (with its secrets) and whether this call took it, or null
     * where the merchant has no such token. A token asked for twice is taken once and appears
     * twice.
     */
    public List<Used> useAll(List<String> merchantIds, List<String> ids, Instant now) {
        List<Used> rows = h.createQuery(USE_ALL).bindByType("merchantIds", merchantIds, SqlArrays.TEXT)
                .bindByType("ids", ids, SqlArrays.TEXT).bind("now", now)
                .map((rs, ctx) -> new Used(CardRows.card(rs), rs.getBytes("number_ciphertext"), rs.getBytes("cvv_ciphertext"),
                        rs.getBoolean("taken")))
                .list();
        return SqlArrays.inAskedOrder(merchantIds, ids, rows, u -> u.card().merchantId(), u -> u.card().id());
    }

    /** Wipes the secrets of expired tokens, a batch at a time; cross-merchant by design (a job). */
    public int wipeExpired(Instant now, int limit) {
        return h.createUpdate(WIPE_EXPIRED).bind("now", now).bind("limit", limit).execute();
    }

    /** A token as it stood when locked, with its secrets (null once used or wiped), and whether this call took it. */
    public record Used(StoredCard card, byte[] numberCiphertext, byte[] cvvCiphertext, boolean taken) {}
}
