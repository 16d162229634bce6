package dev.till.core.orders;

import dev.till.core.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** A merchant's order defaults. Lives as long as its handle. */
public final class OrderSettingsStore {
    private static final String FIND = Sql.of(OrderSettingsStore.class, "find");
    private static final String SAVE = Sql.of(OrderSettingsStore.class, "save");

    private final Handle h;

    public OrderSettingsStore(Handle h) {
        this.h = h;
    }

    public Optional<OrderSettings> find(String merchantId) {
        return h.createQuery(FIND).bind("merchantId", merchantId).map(OrderSettingsStore::settings).findOne();
    }

    public void save(String merchantId, OrderSettings settings, Instant now) {
        h.createUpdate(SAVE).bind("merchantId", merchantId)
                .bind("successRedirect", settings.successRedirect()).bind("inProgressRedirect", settings.inProgressRedirect())
                .bind("failureRedirect", settings.failureRedirect()).bind("expireOnDueDate", settings.expireOnDueDate())
                .bind("now", now)
                .execute();
    }

    private static OrderSettings settings(ResultSet rs, StatementContext ctx) throws SQLException {
        return new OrderSettings(rs.getString("success_redirect"), rs.getString("in_progress_redirect"),
                rs.getString("failure_redirect"), rs.getBoolean("expire_on_due_date"));
    }
}
