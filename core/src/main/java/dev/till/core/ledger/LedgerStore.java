package dev.till.core.ledger;

import static dev.till.core.storage.SqlArrays.column;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import dev.till.domain.ledger.Balance;
import dev.till.domain.ledger.JournalEntry;
import dev.till.domain.ledger.Line;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/** Journal entries, their lines and the folded account balances. Lives as long as its handle. */
public final class LedgerStore {
    private static final String PAYMENT_DEBT = Sql.of(LedgerStore.class, "paymentDebt");
    private static final String PAYMENT_FEES = Sql.of(LedgerStore.class, "paymentFees");
    private static final String INSERT_ENTRIES = Sql.of(LedgerStore.class, "insertEntries");
    private static final String LOCK_BALANCES = Sql.of(LedgerStore.class, "lockBalances");
    private static final String BOUND_LOCK_WAITS = Sql.of(LedgerStore.class, "boundLockWaits");
    /** PostgreSQL's lock_not_available: the wait for a lock outlasted lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String UNFOLDED_PAIRS = Sql.of(LedgerStore.class, "unfoldedPairs");
    private static final String FOLD_PAIR = Sql.of(LedgerStore.class, "foldPair");
    private static final String BALANCES = Sql.of(LedgerStore.class, "balances");
    private static final String BALANCE = Sql.of(LedgerStore.class, "balance");
    private static final String LIST_ENTRIES = Sql.of(LedgerStore.class, "listEntries");
    private static final String LINES_OF = Sql.of(LedgerStore.class, "linesOf");

    private final Handle h;

    public LedgerStore(Handle h) {
        this.h = h;
    }

    /** What a payment's chargebacks left the merchant owing (positive) and not yet repaid. */
    public long paymentDebt(String merchantId, String sourceId, String currency) {
        return h.createQuery(PAYMENT_DEBT).bind("merchantId", merchantId).bind("sourceId", sourceId).bind("currency", currency)
                .mapTo(Long.class).one();
    }

    /** What the ledger holds for each payment so far, in order, in one round trip however many. */
    public List<PaymentFees> paymentFees(List<SourceCurrency> sources) {
        return h.createQuery(PAYMENT_FEES)
                .bindByType("merchantIds", column(sources, SourceCurrency::merchantId), SqlArrays.TEXT)
                .bindByType("sourceIds", column(sources, SourceCurrency::sourceId), SqlArrays.TEXT)
                .bindByType("currencies", column(sources, SourceCurrency::currency), SqlArrays.TEXT)
                .map(LedgerStore::fees).list();
    }

    /**
     * Entries with their lines and settlements, in one round trip however many. {@code ids} and
     * {@code entries} run in parallel; each entry's lines are numbered from 1 in list order, and a
     * settlement (or null) goes with each entry, for its merchant and source.
     */
    public void insertEntries(List<String> ids, List<JournalEntry> entries, List<Settlement> settlements, Instant now) {
        List<String> lineEntries = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<String> settlementEntries = new ArrayList<>();
        List<Settlement> settles = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            List<Line> of = entries.get(i).lines();
            for (int n = 0; n < of.size(); n++) {
                lineEntries.add(ids.get(i));
                lineNos.add(n + 1);
                lines.add(of.get(n));
            }
            if (settlements.get(i) != null) {
                settlementEntries.add(ids.get(i));
                settles.add(settlements.get(i));
            }
        }
        h.createUpdate(INSERT_ENTRIES).bind("now", now)
                .bindByType("ids", ids, SqlArrays.TEXT)
                .bindByType("merchantIds", column(entries, JournalEntry::merchantId), SqlArrays.TEXT)
                .bindByType("types", column(entries, e -> e.type().dbName()), SqlArrays.TEXT)
                .bindByType("sourceIds", column(entries, JournalEntry::sourceId), SqlArrays.TEXT)
                .bindByType("actionIds", column(entries, JournalEntry::actionId), SqlArrays.TEXT)
                .bindByType("descriptions", column(entries, JournalEntry::description), SqlArrays.TEXT)
                .bindByType("l.entryIds", lineEntries, SqlArrays.TEXT)
                .bindByType("l.lineNos", lineNos, SqlArrays.INTEGER)
                .bindByType("l.accounts", column(lines, l -> l.account().dbName()), SqlArrays.TEXT)
                .bindByType("l.currencies", column(lines, l -> l.currency().code()), SqlArrays.TEXT)
                .bindByType("l.directions", column(lines, l -> l.direction().dbName()), SqlArrays.TEXT)
                .bindByType("l.amounts", column(lines, Line::amount), SqlArrays.BIGINT)
                .bindByType("s.ids", column(settles, Settlement::id), SqlArrays.TEXT)
                .bindByType("s.entryIds", settlementEntries, SqlArrays.TEXT)
                .bindByType("s.currencies", column(settles, Settlement::currency), SqlArrays.TEXT)
                .bindByType("s.amounts", column(settles, Settlement::amount), SqlArrays.BIGINT)
                .bindByType("s.settleOn", column(settles, x -> SqlArrays.timestamp(x.settleOn())), SqlArrays.TEXT)
                .execute();
    }

    public int lockBalances(long lockId) {
        return h.createQuery(LOCK_BALANCES).bind("lockId", lockId).mapTo(Integer.class).one();
    }

    /**
     * As {@link #lockBalances}, waiting at most {@code wait} (a millisecond or more; PostgreSQL
     * reads 0 as no limit); after that the statement fails, the transaction with it, and
     * {@link #lockWaitEnded} says so. Inside a transaction only: the limit lasts until it ends.
     */
    public void lockBalancesWithin(long lockId, Duration wait) {
        if (wait.toMillis() < 1) throw new IllegalArgumentException("a lock wait of at least 1 ms, not " + wait);
        if (!h.isInTransaction()) throw new IllegalStateException("a bounded lock wait needs a transaction to last for");
        h.createQuery(BOUND_LOCK_WAITS).bind("timeout", wait.toMillis() + "ms").mapTo(String.class).one();
        lockBalances(lockId);
    }

    /** Whether a failure is {@link #lockBalancesWithin}'s wait running out. */
    public static boolean lockWaitEnded(JdbiException e) {
        return e.getCause() instanceof SQLException s && LOCK_NOT_AVAILABLE.equals(s.getSQLState());
    }

    public List<MerchantCurrency> unfoldedPairs(int limit) {
        return h.createQuery(UNFOLDED_PAIRS).bind("limit", limit).map(LedgerStore::pair).list();
    }

    public int foldPair(String merchantId, String currency) {
        return h.createUpdate(FOLD_PAIR).bind("merchantId", merchantId).bind("currency", currency).execute();
    }

    public List<Balance> balances(String merchantId) {
        return h.createQuery(BALANCES).bind("merchantId", merchantId).map(LedgerStore::currencyBalance).list();
    }

    /** Folded balance plus unfolded lines: the balance as of this statement. */
    public long balance(String merchantId, String account, String currency) {
        return h.createQuery(BALANCE).bind("merchantId", merchantId).bind("account", account).bind("currency", currency)
                .mapTo(Long.class).one();
    }

    public List<EntryRow> listEntries(String merchantId, String type, String sourceId, Instant from, Instant to,
                                      Instant afterCreatedOn, String afterId, int limit) {
        return h.createQuery(LIST_ENTRIES).bind("merchantId", merchantId).bind("type", type).bind("sourceId", sourceId)
                .bind("from", from).bind("to", to).bind("afterCreatedOn", afterCreatedOn).bind("afterId", afterId)
                .bind("limit", limit).map(LedgerStore::entry).list();
    }

    public List<LineRow> linesOf(String merchantId, String[] entryIds) {
        return h.createQuery(LINES_OF).bind("merchantId", merchantId).bind("entryIds", entryIds).map(LedgerStore::line).list();
    }

    private static PaymentFees fees(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PaymentFees(rs.getLong("captured"), rs.getLong("fees_charged"), rs.getLong("refunded"),
                rs.getLong("fees_returned"));
    }

    private static Balance currencyBalance(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Balance(rs.getString("currency"), rs.getLong("pending"), rs.getLong("available"), rs.getLong("reserved"));
    }

    private static MerchantCurrency pair(ResultSet rs, StatementContext ctx) throws SQLException {
        return new MerchantCurrency(rs.getString("merchant_id"), rs.getString("currency"));
    }

    private static EntryRow entry(ResultSet rs, StatementContext ctx) throws SQLException {
        return new EntryRow(rs.getString("id"), rs.getString("merchant_id"), rs.getString("type"), rs.getString("source_id"),
                rs.getString("action_id"), rs.getString("description"), Columns.instant(rs, "created_on"));
    }

    private static LineRow line(ResultSet rs, StatementContext ctx) throws SQLException {
        return new LineRow(rs.getString("entry_id"), rs.getInt("line_no"), rs.getString("account"), rs.getString("currency"),
                rs.getString("direction"), rs.getLong("amount"));
    }
}
