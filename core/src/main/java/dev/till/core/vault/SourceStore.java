package dev.till.core.vault;

import dev.till.core.storage.Sql;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Stored cards ({@code src_}). The number is stored encrypted; the CVV never. Lives as long as its handle. */
public final class SourceStore {
    private static final String INSERT = Sql.of(SourceStore.class, "insert");
    private static final String FIND = Sql.of(SourceStore.class, "find");
    private static final String FIND_FOR_USE = Sql.of(SourceStore.class, "findForUse");

    private final Handle h;

    public SourceStore(Handle h) {
        this.h = h;
    }

    public void insert(StoredCard card, byte[] numberCiphertext) {
        CardRows.bind(h.createUpdate(INSERT), card).bind("c.customerId", card.customerId()).bind("number", numberCiphertext).execute();
    }

    public Optional<StoredCard> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id)
                .map((rs, ctx) -> CardRows.card(rs)).findOne();
    }

    /** The card with its encrypted number, in one round trip: what a payment needs to use it. */
    public Optional<Usable> findForUse(String merchantId, String id) {
        return h.createQuery(FIND_FOR_USE).bind("merchantId", merchantId).bind("id", id)
                .map((rs, ctx) -> new Usable(CardRows.card(rs), rs.getBytes("number_ciphertext"))).findOne();
    }

    public record Usable(StoredCard card, byte[] numberCiphertext) {}
}
