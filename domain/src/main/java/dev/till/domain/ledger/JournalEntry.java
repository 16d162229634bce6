package dev.till.domain.ledger;

import dev.till.domain.CurrencyCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A balanced set of lines, linked to the object that caused it. Construction refuses any entry
 * whose debits and credits differ in some currency: an unbalanced entry is a bug, never input.
 * (The database checks the same at commit.)
 *
 * @param merchantId whose accounts every line touches
 * @param sourceId the object the merchant knows: {@code pay_…}, {@code po_…}
 * @param actionId the payment action ({@code act_…}) for captures and refunds, else null
 */
public record JournalEntry(String merchantId, EntryType type, String sourceId, String actionId, String description,
                           List<Line> lines) {
    public JournalEntry {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) throw new IllegalArgumentException("a journal entry needs lines");
        Map<CurrencyCode, Long> sums = new HashMap<>();
        for (Line l : lines) sums.merge(l.currency(), l.signed(), Math::addExact);
        sums.forEach((currency, sum) -> {
            if (sum != 0) throw new IllegalArgumentException(type + " entry for " + sourceId + " is off by " + sum + " " + currency);
        });
    }

    /** Builds an entry line by line; zero-amount lines are dropped (a zero fee posts nothing). */
    public static final class Builder {
        private final String merchantId;
        private final EntryType type;
        private final String sourceId;
        private String actionId;
        private String description;
        private final List<Line> lines = new ArrayList<>();

        public Builder(String merchantId, EntryType type, String sourceId) {
            this.merchantId = merchantId;
            this.type = type;
            this.sourceId = sourceId;
        }

        public Builder action(String id) {
            this.actionId = id;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder debit(Account account, CurrencyCode currency, long amount) {
            if (amount != 0) lines.add(Line.debit(account, currency, amount));
            return this;
        }

        public Builder credit(Account account, CurrencyCode currency, long amount) {
            if (amount != 0) lines.add(Line.credit(account, currency, amount));
            return this;
        }

        /** Moves {@code amount} from one account to another: debit the first, credit the second. */
        public Builder move(Account from, Account to, CurrencyCode currency, long amount) {
            return debit(from, currency, amount).credit(to, currency, amount);
        }

        public JournalEntry build() {
            return new JournalEntry(merchantId, type, sourceId, actionId, description, lines);
        }
    }

    public static Builder of(String merchantId, EntryType type, String sourceId) {
        return new Builder(merchantId, type, sourceId);
    }
}
