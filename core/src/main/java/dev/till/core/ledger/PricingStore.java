package dev.till.core.ledger;

import dev.till.core.storage.Sql;
import dev.till.domain.ledger.Pricing;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** A merchant's pricing row. Lives as long as its handle. */
public final class PricingStore {
    private static final String FIND = Sql.of(PricingStore.class, "find");
    private static final String SAVE = Sql.of(PricingStore.class, "save");

    private final Handle h;

    public PricingStore(Handle h) {
        this.h = h;
    }

    public Optional<Pricing> find(String merchantId) {
        return h.createQuery(FIND).bind("merchantId", merchantId).map(PricingStore::pricing).findOne();
    }

    public void save(String merchantId, int captureFeeBps, long captureFeeFixed, int payoutFeeBps, long payoutFeeFixed) {
        h.createUpdate(SAVE).bind("merchantId", merchantId).bind("captureFeeBps", captureFeeBps)
                .bind("captureFeeFixed", captureFeeFixed).bind("payoutFeeBps", payoutFeeBps)
                .bind("payoutFeeFixed", payoutFeeFixed).execute();
    }

    private static Pricing pricing(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Pricing(rs.getInt("capture_fee_bps"), rs.getLong("capture_fee_fixed"), rs.getInt("payout_fee_bps"),
                rs.getLong("payout_fee_fixed"));
    }
}
