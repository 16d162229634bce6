package dev.till.core.ledger;

import dev.till.core.paging.Cursor;
import dev.till.core.paging.Page;
import dev.till.domain.ledger.Balance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Reading balances and balance transactions. Thread-safe. */
public final class LedgerReads {
    /** Filters of the balance-transaction list; empty means "any". */
    public record Filter(Optional<String> type, Optional<String> sourceId, Optional<Instant> from, Optional<Instant> to) {}

    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    private final Jdbi jdbi;

    public LedgerReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Balance> balances(String merchantId) {
        return jdbi.withHandle(h -> new LedgerStore(h).balances(merchantId));
    }

    public Page<BalanceTransaction> list(String merchantId, Filter filter, Cursor after, int limit) {
        return jdbi.withHandle(h -> {
            LedgerStore s = new LedgerStore(h);
            List<EntryRow> rows = s.listEntries(merchantId, filter.type().orElse(null), filter.sourceId().orElse(null),
                    filter.from().orElse(BEGINNING), filter.to().orElse(END), after.createdOn(), after.id(), limit + 1);
            Page<EntryRow> page = Page.of(rows, limit, EntryRow::createdOn, EntryRow::id);
            Map<String, List<LineRow>> lines = s.linesOf(merchantId, page.data().stream().map(EntryRow::id).toArray(String[]::new))
                    .stream().collect(Collectors.groupingBy(LineRow::entryId));
            return page.map(e -> new BalanceTransaction(e, lines.getOrDefault(e.id(), List.of())));
        });
    }
}
