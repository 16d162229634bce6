package dev.till.core.orders;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** April's transactions ({@code tran_}): another name for an order's payment. Lives as long as its handle. */
public final class AprilTransactionStore {
    private static final String INSERT = Sql.of(AprilTransactionStore.class, "insert");
    private static final String FIND = Sql.of(AprilTransactionStore.class, "find");

    private final Handle h;

    public AprilTransactionStore(Handle h) {
        this.h = h;
    }

    public void insert(String id, String merchantId, String paymentId, String orderId, Instant now) {
        h.createUpdate(INSERT).bind("id", id).bind("merchantId", merchantId).bind("paymentId", paymentId)
                .bind("orderId", orderId).bind("now", now).execute();
    }

    public Optional<AprilTransaction> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id)
                .map(AprilTransactionStore::transaction).findOne();
    }

    private static AprilTransaction transaction(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AprilTransaction(rs.getString("id"), rs.getString("payment_id"), rs.getString("order_id"),
                Columns.instant(rs, "created_on"));
    }
}
