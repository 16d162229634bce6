package dev.till.core.merchants;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Merchants and their key hashes. One SQL file per statement, beside this class. Lives as long as its handle. */
public final class MerchantStore {
    private static final String INSERT_MERCHANT = Sql.of(MerchantStore.class, "insertMerchant");
    private static final String INSERT_KEY = Sql.of(MerchantStore.class, "insertKey");
    private static final String FIND_BY_KEY = Sql.of(MerchantStore.class, "findByKey");
    private static final String FIND = Sql.of(MerchantStore.class, "find");
    private static final String COUNT = Sql.of(MerchantStore.class, "count");

    private final Handle h;

    public MerchantStore(Handle h) {
        this.h = h;
    }

    public void insertMerchant(String merchantId, String name, String mode, Instant createdOn) {
        h.createUpdate(INSERT_MERCHANT).bind("merchantId", merchantId).bind("name", name).bind("mode", mode)
                .bind("createdOn", createdOn).execute();
    }

    public void insertKey(byte[] keyHash, String merchantId, String kind, String hint, Instant createdOn) {
        h.createUpdate(INSERT_KEY).bind("keyHash", keyHash).bind("merchantId", merchantId).bind("kind", kind)
                .bind("hint", hint).bind("createdOn", createdOn).execute();
    }

    /** The merchant behind a live (unrevoked) key of the given kind. */
    public Optional<Merchant> findByKey(byte[] keyHash, String kind) {
        return h.createQuery(FIND_BY_KEY).bind("keyHash", keyHash).bind("kind", kind).map(MerchantStore::merchant).findOne();
    }

    public Optional<Merchant> find(String merchantId) {
        return h.createQuery(FIND).bind("merchantId", merchantId).map(MerchantStore::merchant).findOne();
    }

    public int count() {
        return h.createQuery(COUNT).mapTo(Integer.class).one();
    }

    private static Merchant merchant(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Merchant(rs.getString("merchant_id"), rs.getString("name"), rs.getString("mode"),
                rs.getString("default_currency"), Columns.instant(rs, "created_on"));
    }
}
