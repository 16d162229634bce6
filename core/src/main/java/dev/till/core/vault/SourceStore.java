package dev.till.core.vault;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.util.Base64;
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
        Base64.Encoder base64 = Base64.getEncoder();
        h.createUpdate(INSERT_ALL)
                .bindByType("ids", column(cards, StoredCard::id), SqlArrays.TEXT)
                .bindByType("merchantIds", column(cards, StoredCard::merchantId), SqlArrays.TEXT)
                .bindByType("customerIds", column(cards, StoredCard::customerId), SqlArrays.TEXT)
                .bindByType("numbers", column(numberCiphertexts, base64::encodeToString), SqlArrays.TEXT)
                .bindByType("bins", column(cards, StoredCard::bin), SqlArrays.TEXT)
                .bindByType("last4s", column(cards, StoredCard::last4), SqlArrays.TEXT)
                .bindByType("expiryMonths", column(cards, StoredCard::expiryMonth), SqlArrays.INTEGER)
                .bindByType("expiryYears", column(cards, StoredCard::expiryYear), SqlArrays.INTEGER)
                .bindByType("schemes", column(cards, StoredCard::scheme), SqlArrays.TEXT)
                .bindByType("names", column(cards, StoredCard::name), SqlArrays.TEXT)
                .bindByType("billingAddresses", column(cards, StoredCard::billingAddress), SqlArrays.TEXT)
                .bindByType("phones", column(cards, StoredCard::phone), SqlArrays.TEXT)
                .bindByType("fingerprints", column(cards, c -> base64.encodeToString(c.fingerprint())), SqlArrays.TEXT)
                .bindByType("cardTypes", column(cards, StoredCard::cardType), SqlArrays.TEXT)
                .bindByType("cardCategories", column(cards, StoredCard::cardCategory), SqlArrays.TEXT)
                .bindByType("issuers", column(cards, StoredCard::issuer), SqlArrays.TEXT)
                .bindByType("issuerCountries", column(cards, StoredCard::issuerCountry), SqlArrays.TEXT)
                .bindByType("productIds", column(cards, StoredCard::productId), SqlArrays.TEXT)
                .bindByType("productTypes", column(cards, StoredCard::productType), SqlArrays.TEXT)
                .bindByType("createdOns", column(cards, c -> SqlArrays.timestamp(c.createdOn())), SqlArrays.TEXT)
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
