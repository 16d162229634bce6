package dev.till.http.ledger;

import dev.till.core.ledger.BalanceTransaction;
import dev.till.core.ledger.LineRow;
import dev.till.domain.ledger.Balance;
import java.util.List;

/** Wire shapes of balances and balance transactions. */
public final class LedgerJson {
    private LedgerJson() {}

    public record Balances(List<Balance> data) {}

    public record LineJson(String account, String currency, String direction, long amount) {
        static LineJson of(LineRow l) {
            return new LineJson(l.account(), l.currency(), l.direction(), l.amount());
        }
    }

    /** {@code source_id} links the entry to its object ({@code pay_…}, {@code po_…}); {@code action_id} to a payment action. */
    public record Transaction(String id, String type, String sourceId, String actionId, String description, String createdOn,
                              List<LineJson> lines) {
        public static Transaction of(BalanceTransaction t) {
            var e = t.entry();
            return new Transaction(e.id(), e.type(), e.sourceId(), e.actionId(), e.description(), e.createdOn().toString(),
                    t.lines().stream().map(LineJson::of).toList());
        }
    }

    public record TransactionList(List<Transaction> data, boolean hasMore, String nextCursor) {}

    public record CreditRequest(String currency, Long amount) {}

    public record CreditResponse(String balanceTransactionId, String currency, long amount) {}
}
