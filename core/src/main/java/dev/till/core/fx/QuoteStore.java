package dev.till.core.fx;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** FX quotes. Lives as long as its handle. */
public final class QuoteStore {
    private static final String INSERT = Sql.of(QuoteStore.class, "insert");
    private static final String FIND = Sql.of(QuoteStore.class, "find");
    private static final String MARK_USED = Sql.of(QuoteStore.class, "markUsed");

    private final Handle h;

    public QuoteStore(Handle h) {
        this.h = h;
    }

    public void insert(String id, String merchantId, String sourceCurrency, long sourceAmount, String targetCurrency,
                       long targetAmount, String country, BigDecimal rate, long fee, Instant now, Instant expiresOn) {
        h.createUpdate(INSERT).bind("id", id).bind("merchantId", merchantId).bind("sourceCurrency", sourceCurrency)
                .bind("sourceAmount", sourceAmount).bind("targetCurrency", targetCurrency).bind("targetAmount", targetAmount)
                .bind("country", country).bind("rate", rate).bind("fee", fee).bind("now", now).bind("expiresOn", expiresOn)
                .execute();
    }

    public Optional<Quote> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(QuoteStore::quote).findOne();
    }

    /** Claims a live, unused quote for one payout; 0 rows means expired, used or unknown. */
    public int markUsed(String merchantId, String id, String payoutId, Instant now) {
        return h.createUpdate(MARK_USED).bind("merchantId", merchantId).bind("id", id).bind("payoutId", payoutId)
                .bind("now", now).execute();
    }

    private static Quote quote(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Quote(rs.getString("id"), rs.getString("merchant_id"), rs.getString("source_currency"),
                rs.getLong("source_amount"), rs.getString("target_currency"), rs.getLong("target_amount"),
                rs.getString("country"), rs.getBigDecimal("rate"), rs.getLong("fee"), Columns.instant(rs, "created_on"),
                Columns.instant(rs, "expires_on"), rs.getString("used_by"));
    }
}
