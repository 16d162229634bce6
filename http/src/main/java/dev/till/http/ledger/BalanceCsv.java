package dev.till.http.ledger;

import dev.till.core.ledger.BalanceTransaction;
import dev.till.core.ledger.LineRow;

/** The CSV export: one row per ledger line, so a spreadsheet can sum any account. RFC 4180 quoting. */
final class BalanceCsv {
    static final String HEADER = "balance_transaction_id,created_on,type,source_id,action_id,account,currency,direction,amount\r\n";

    private BalanceCsv() {}

    static int append(StringBuilder out, BalanceTransaction t) {
        var e = t.entry();
        for (LineRow l : t.lines()) {
            out.append(e.id()).append(',').append(e.createdOn()).append(',').append(e.type()).append(',')
               .append(quote(e.sourceId())).append(',').append(quote(e.actionId())).append(',')
               .append(l.account()).append(',').append(l.currency()).append(',').append(l.direction()).append(',')
               .append(l.amount()).append("\r\n");
        }
        return t.lines().size();
    }

    private static String quote(String s) {
        if (s == null) return "";
        if (s.matches("[A-Za-z0-9_]*")) return s;
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
