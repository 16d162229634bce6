package dev.till.core.vault;

import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Stored cards ({@code src_}). The number is stored encrypted; the CVV never. Lives as long as its handle. */
public final class SourceStore {
    private static final String INSERT = Sql.of(SourceStore.class, "insert");
    private static final String FIND = Sql.of(SourceStore.class, "find");
    private static final String FIND_FOR_USE_ALL = Sql.of(SourceStore.class, "findForUseAll");
    private static final String FIND_ALL = Sql.of(SourceStore.class, "findAll");

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

    /**
     * Cards as shown (without their numbers), in one round trip however many. {@code merchantIds}
     * and {@code ids} run in parallel; the answer is in the same order, null where the merchant has
     * no such card.
     */
    public List<StoredCard> findAll(List<String> merchantIds, List<String> ids) {
        Map<List<String>, StoredCard> rows = new HashMap<>();
        h.createQuery(FIND_ALL).bindByType("merchantIds", merchantIds, SqlArrays.TEXT).bindByType("ids", ids, SqlArrays.TEXT)
                .map((rs, ctx) -> CardRows.card(rs)).forEach(c -> rows.put(List.of(c.merchantId(), c.id()), c));
        List<StoredCard> found = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) found.add(rows.get(List.of(merchantIds.get(i), ids.get(i))));
        return found;
    }

    /**
     * Cards with their encrypted numbers, in one round trip however many: what payments need to use
     * them. {@code merchantIds} and {@code ids} run in parallel; the answer is in the same order,
     * null where the merchant has no such card.
     */
    public List<Usable> findForUseAll(List<String> merchantIds, List<String> ids) {
        Map<List<String>, Usable> rows = new HashMap<>();
        h.createQuery(FIND_FOR_USE_ALL).bindByType("merchantIds", merchantIds, SqlArrays.TEXT).bindByType("ids", ids, SqlArrays.TEXT)
                .map((rs, ctx) -> new Usable(CardRows.card(rs), rs.getBytes("number_ciphertext")))
                .forEach(u -> rows.put(List.of(u.card().merchantId(), u.card().id()), u));
        List<Usable> found = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) found.add(rows.get(List.of(merchantIds.get(i), ids.get(i))));
        return found;
    }

    public record Usable(StoredCard card, byte[] numberCiphertext) {}
}
