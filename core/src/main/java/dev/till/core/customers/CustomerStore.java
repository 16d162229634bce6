package dev.till.core.customers;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** A merchant's customers; deleted ones are never read back. Lives as long as its handle. */
public final class CustomerStore {
    private static final String INSERT = Sql.of(CustomerStore.class, "insert");
    private static final String FIND = Sql.of(CustomerStore.class, "find");
    private static final String FIND_FOR_UPDATE = Sql.of(CustomerStore.class, "findForUpdate");
    private static final String FIND_BY_EMAIL = Sql.of(CustomerStore.class, "findByEmail");
    private static final String UPDATE_DETAILS = Sql.of(CustomerStore.class, "updateDetails");
    private static final String SET_DEFAULT_SOURCE = Sql.of(CustomerStore.class, "setDefaultSource");
    private static final String MARK_DELETED = Sql.of(CustomerStore.class, "markDeleted");
    private static final String LIST_PAGE = Sql.of(CustomerStore.class, "listPage");

    private final Handle h;

    public CustomerStore(Handle h) {
        this.h = h;
    }

    public void insert(String id, String merchantId, String email, String name, String phone, String metadata, Instant now) {
        h.createUpdate(INSERT).bind("id", id).bind("merchantId", merchantId).bind("email", email).bind("name", name)
                .bind("phone", phone).bind("metadata", metadata).bind("now", now).execute();
    }

    public Optional<Customer> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(CustomerStore::customer).findOne();
    }

    /** Locks the row for the rest of the transaction, so concurrent edits apply one after another. */
    public Optional<Customer> findForUpdate(String merchantId, String id) {
        return h.createQuery(FIND_FOR_UPDATE).bind("merchantId", merchantId).bind("id", id)
                .map(CustomerStore::customer).findOne();
    }

    public Optional<Customer> findByEmail(String merchantId, String email) {
        return h.createQuery(FIND_BY_EMAIL).bind("merchantId", merchantId).bind("email", email)
                .map(CustomerStore::customer).findOne();
    }

    public int updateDetails(String merchantId, String id, String email, String name, String phone, String metadata,
                             Instant now) {
        return h.createUpdate(UPDATE_DETAILS).bind("merchantId", merchantId).bind("id", id).bind("email", email)
                .bind("name", name).bind("phone", phone).bind("metadata", metadata).bind("now", now).execute();
    }

    public int setDefaultSource(String merchantId, String id, String sourceId) {
        return h.createUpdate(SET_DEFAULT_SOURCE).bind("merchantId", merchantId).bind("id", id)
                .bind("sourceId", sourceId).execute();
    }

    public int markDeleted(String merchantId, String id, Instant now) {
        return h.createUpdate(MARK_DELETED).bind("merchantId", merchantId).bind("id", id).bind("now", now).execute();
    }

    public List<Customer> listPage(String merchantId, String email, Instant afterCreatedOn, String afterId, int limit) {
        return h.createQuery(LIST_PAGE).bind("merchantId", merchantId).bind("email", email)
                .bind("afterCreatedOn", afterCreatedOn).bind("afterId", afterId).bind("limit", limit)
                .map(CustomerStore::customer).list();
    }

    private static Customer customer(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Customer(rs.getString("id"), rs.getString("merchant_id"), rs.getString("email"), rs.getString("name"),
                rs.getString("phone"), rs.getString("metadata"), rs.getString("default_source_id"),
                Columns.instant(rs, "created_on"), Columns.instant(rs, "updated_on"));
    }
}
