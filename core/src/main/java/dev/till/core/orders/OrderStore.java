package dev.till.core.orders;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Orders and their lines. Status changes carry the expected status in their WHERE clause.
 * Lives as long as its handle.
 */
public final class OrderStore {
    private static final String INSERT = Sql.of(OrderStore.class, "insert");
    private static final String INSERT_PRODUCT = Sql.of(OrderStore.class, "insertProduct");
    private static final String FIND = Sql.of(OrderStore.class, "find");
    private static final String FIND_FOR_UPDATE = Sql.of(OrderStore.class, "findForUpdate");
    private static final String PRODUCTS = Sql.of(OrderStore.class, "products");
    private static final String LIST_PAGE = Sql.of(OrderStore.class, "listPage");
    private static final String MARK_STATUS = Sql.of(OrderStore.class, "markStatus");
    private static final String MARK_HELD = Sql.of(OrderStore.class, "markHeld");
    private static final String COUNT_ATTEMPT = Sql.of(OrderStore.class, "countAttempt");
    private static final String ADD_REFUNDED = Sql.of(OrderStore.class, "addRefunded");
    private static final String CLAIM_DUE = Sql.of(OrderStore.class, "claimDue");
    private static final String CLAIM_HELD_SINCE = Sql.of(OrderStore.class, "claimHeldSince");

    private final Handle h;

    public OrderStore(Handle h) {
        this.h = h;
    }

    public void insert(Order order) {
        h.createUpdate(INSERT)
                .bind("id", order.id()).bind("merchantId", order.merchantId()).bind("status", order.status())
                .bind("currency", order.currency()).bind("amount", order.amount())
                .bind("description", order.description()).bind("reference", order.reference())
                .bind("metadata", order.metadata()).bind("clientEmail", order.clientEmail())
                .bind("clientName", order.clientName()).bind("clientPhone", order.clientPhone())
                .bind("capture", order.capture()).bindByType("dueDate", order.dueDate(), Instant.class)
                .bind("expireOnDueDate", order.expireOnDueDate()).bind("maxPaymentAttempts", order.maxPaymentAttempts())
                .bind("successRedirect", order.successRedirect()).bind("inProgressRedirect", order.inProgressRedirect())
                .bind("failureRedirect", order.failureRedirect()).bind("createdOn", order.createdOn())
                .bind("updatedOn", order.updatedOn())
                .execute();
    }

    public void insertProduct(String merchantId, String orderId, OrderProduct product) {
        h.createUpdate(INSERT_PRODUCT).bind("merchantId", merchantId).bind("orderId", orderId)
                .bind("position", product.position()).bind("title", product.title())
                .bind("unitPrice", product.unitPrice()).bind("quantity", product.quantity())
                .execute();
    }

    public Optional<Order> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(OrderStore::order).findOne();
    }

    /** Locks the order for the rest of the transaction: status changes apply one after another. */
    public Optional<Order> findForUpdate(String merchantId, String id) {
        return h.createQuery(FIND_FOR_UPDATE).bind("merchantId", merchantId).bind("id", id).map(OrderStore::order).findOne();
    }

    public List<OrderProduct> products(String merchantId, String orderId) {
        return h.createQuery(PRODUCTS).bind("merchantId", merchantId).bind("orderId", orderId)
                .map(OrderStore::product).list();
    }

    public List<Order> listPage(String merchantId, OrderFilter filter, Instant afterCreatedOn, String afterId, int limit) {
        return h.createQuery(LIST_PAGE).bind("merchantId", merchantId)
                .bind("status", filter.status()).bind("reference", filter.reference())
                .bind("clientEmail", filter.clientEmail()).bindByType("createdFrom", filter.createdFrom(), Instant.class)
                .bindByType("createdTo", filter.createdTo(), Instant.class)
                .bind("afterCreatedOn", afterCreatedOn).bind("afterId", afterId).bind("limit", limit)
                .map(OrderStore::order).list();
    }

    public int markStatus(String merchantId, String id, String expected, String status, Instant now) {
        return h.createUpdate(MARK_STATUS).bind("merchantId", merchantId).bind("id", id).bind("expected", expected)
                .bind("status", status).bind("now", now).execute();
    }

    /** Also stamps when the funds started being held: the 28-day release counts from here. */
    public int markHeld(String merchantId, String id, Instant now) {
        return h.createUpdate(MARK_HELD).bind("merchantId", merchantId).bind("id", id).bind("now", now).execute();
    }

    /** Counts an attempt; the CHECK on max_payment_attempts backs the use case's own test. */
    public int countAttempt(String merchantId, String id, Instant now) {
        return h.createUpdate(COUNT_ATTEMPT).bind("merchantId", merchantId).bind("id", id).bind("now", now).execute();
    }

    public int addRefunded(String merchantId, String id, long amount, Instant now) {
        return h.createUpdate(ADD_REFUNDED).bind("merchantId", merchantId).bind("id", id).bind("amount", amount)
                .bind("now", now).execute();
    }

    /**
     * Orders whose due date has passed, across merchants (a job's scan, the one place without a
     * merchant filter). Locked and skipped by other nodes running the same job.
     */
    public List<Order> claimDue(Instant now, int limit) {
        return h.createQuery(CLAIM_DUE).bind("now", now).bind("limit", limit).map(OrderStore::order).list();
    }

    /** Holds older than the cutoff, across merchants; claimed as {@link #claimDue} is. */
    public List<Order> claimHeldSince(Instant cutoff, int limit) {
        return h.createQuery(CLAIM_HELD_SINCE).bind("cutoff", cutoff).bind("limit", limit).map(OrderStore::order).list();
    }

    private static Order order(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Order(rs.getString("id"), rs.getString("merchant_id"), rs.getString("status"), rs.getString("currency"),
                rs.getLong("amount"), rs.getLong("refunded_amount"), rs.getString("description"),
                rs.getString("reference"), rs.getString("metadata"), rs.getString("client_email"),
                rs.getString("client_name"), rs.getString("client_phone"), rs.getBoolean("capture"),
                Columns.instant(rs, "due_date"), rs.getBoolean("expire_on_due_date"),
                Columns.nullableInt(rs, "max_payment_attempts"), rs.getInt("payment_attempts"),
                rs.getString("success_redirect"), rs.getString("in_progress_redirect"), rs.getString("failure_redirect"),
                Columns.instant(rs, "held_on"), Columns.instant(rs, "created_on"), Columns.instant(rs, "updated_on"));
    }

    private static OrderProduct product(ResultSet rs, StatementContext ctx) throws SQLException {
        return new OrderProduct(rs.getInt("position"), rs.getString("title"), rs.getLong("unit_price"), rs.getInt("quantity"));
    }
}
