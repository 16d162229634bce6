package dev.till.core.vault;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Stored cards ({@code src_}). The number is stored encrypted; the CVV never. Lives as long as its handle. */
public final class SourceStore {
    private static final String INSERT_ALL = Sql.of(SourceStore.class, "insertAll");
    private static final String FIND = Sql.of(SourceStore.class, "find");
    private static final String FIND_FOR_USE_ALL = Sql.of(SourceStore.class, "findForUseAll");
    private static final String FIND_ALL = Sql.of(SourceStore.class, "findAll");

    private final Handle h;

    public SourceStore(Handle h) {
        this.h = h;
    }

    /** Stored cards with their encrypted numbers, in one statement however many; {@code cards} and {@code numberCiphertexts} run in parallel. */
    public void insertAll(List<StoredCard> cards, List<byte[]> numberCiphertexts) {
        CardRows.bindAll(h.createUpdate(INSERT_ALL), cards)
                .bindByType("customerIds", column(cards, StoredCard::customerId), SqlArrays.TEXT)
                .bindByType("numbers", column(numberCiphertexts, CardRows::base64), SqlArrays.TEXT)
                .execute();
    }

    public Optional<StoredCard> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id)
                .map((rs, ctx) -> CardRows.card(rs)).findOne();
    }

    /**
     * Cards as shown (without their numbers), in one round trip however many. {@code merchantIds}
     * and {@code ids} run in parallel; the answer is in the same order, null where the merchant has
     * no such card.
     */
    public List<StoredCard> findAll(List<String> merchantIds, List<String> ids) {
        List<StoredCard> rows = h.createQuery(FIND_ALL).bindByType("merchantIds", merchantIds, SqlArrays.TEXT)
                .bindByType("ids", ids, SqlArrays.TEXT).map((rs, ctx) -> CardRows.card(rs)).list();
        return SqlArrays.inAskedOrder(merchantIds, ids, rows, StoredCard::merchantId, StoredCard::id);
    }

    /**
     * Cards with their encrypted numbers, in one round trip however many: what payments need to use
     * them. {@code merchantIds} and {@code ids} run in parallel; the answer is in the same order,
     * null where the merchant has no such card.
     */
    public List<Usable> findForUseAll(List<String> merchantIds, List<String> ids) {
        List<Usable> rows = h.createQuery(FIND_FOR_USE_ALL).bindByType("merchantIds", merchantIds, SqlArrays.TEXT)
                .bindByType("ids", ids, SqlArrays.TEXT)
                .map((rs, ctx) -> new Usable(CardRows.card(rs), rs.getBytes("number_ciphertext"))).list();
        return SqlArrays.inAskedOrder(merchantIds, ids, rows, u -> u.card().merchantId(), u -> u.card().id());
    }

    public record Usable(StoredCard card, byte[] numberCiphertext) {}
}
