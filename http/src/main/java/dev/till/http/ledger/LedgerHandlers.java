package dev.till.http.ledger;

import dev.till.core.ledger.BalanceTransaction;
import dev.till.core.ledger.LedgerReads;
import dev.till.core.ledger.TestFunding;
import dev.till.core.paging.Cursor;
import dev.till.core.paging.Page;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Money;
import dev.till.domain.Problem;
import dev.till.domain.Validation;
import dev.till.domain.ledger.EntryType;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code /balances}, {@code /balance-transactions} (JSON and CSV) and the test-mode credit. */
public final class LedgerHandlers implements Routes.RouteGroup {
    /** The most rows one CSV export returns; narrow the dates for more. */
    static final int CSV_MAX_ROWS = 10_000;

    private final LedgerReads reads;
    private final TestFunding funding;
    private final Writes writes;

    public LedgerHandlers(LedgerReads reads, TestFunding funding, Writes writes) {
        this.reads = reads;
        this.funding = funding;
        this.writes = writes;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/balances", Access.SECRET_KEY, this::balances)
              .get("/balance-transactions", Access.SECRET_KEY, this::list)
              .get("/balance-transactions.csv", Access.SECRET_KEY, this::csv)
              .post("/test/balances/credit", Access.SECRET_KEY, this::credit);
    }

    private void balances(Context ctx) {
        Replies.json(ctx, 200, new LedgerJson.Balances(reads.balances(Caller.merchantId(ctx))));
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        var page = reads.list(Caller.merchantId(ctx), filter(ctx), Cursor.decodeOrStart(Requests.query(ctx, "cursor")), limit)
                .map(LedgerJson.Transaction::of);
        Replies.json(ctx, 200, new LedgerJson.TransactionList(page.data(), page.hasMore(), page.nextCursor()));
    }

    private void csv(Context ctx) {
        String merchantId = Caller.merchantId(ctx);
        LedgerReads.Filter filter = filter(ctx);
        StringBuilder out = new StringBuilder(BalanceCsv.HEADER);
        Cursor after = Cursor.START;
        int rows = 0;
        while (rows < CSV_MAX_ROWS) {
            Page<BalanceTransaction> page = reads.list(merchantId, filter, after, 100);
            for (BalanceTransaction t : page.data()) rows += BalanceCsv.append(out, t);
            if (!page.hasMore()) break;
            after = Cursor.decodeOrStart(Optional.of(page.nextCursor()));
        }
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        ctx.attribute(Replies.BODY, body);
        ctx.status(200).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"balance-transactions.csv\"").result(body);
    }

    private void credit(Context ctx) {
        if (!Caller.of(ctx).merchant().testMode()) {
            throw Problem.notAllowed("test_mode_only", "Test credits exist only for test-mode merchants.").toException();
        }
        LedgerJson.CreditRequest req = Requests.body(ctx, LedgerJson.CreditRequest.class);
        Validation v = new Validation();
        CurrencyCode currency = CurrencyCode.parse(req.currency()).orElse(null);
        v.check(currency != null, "currency_invalid", "currency", "currency must be an ISO 4217 code.");
        v.check(req.amount() != null && req.amount() > 0 && req.amount() <= Money.MAX_MINOR, "amount_invalid", "amount",
                "amount must be a positive number of minor units, at most " + Money.MAX_MINOR + ".");
        v.throwIfInvalid();
        String merchantId = Caller.merchantId(ctx);
        writes.run(ctx, tx -> Writes.reply(201, new LedgerJson.CreditResponse(
                funding.credit(tx, merchantId, currency, req.amount()), currency.code(), req.amount())));
    }

    private static LedgerReads.Filter filter(Context ctx) {
        Optional<String> type = Requests.query(ctx, "type");
        if (type.isPresent() && EntryType.parse(type.get()).isEmpty()) {
            throw Problem.invalid("type_invalid", "type", "type must be one of the documented balance transaction types.").toException();
        }
        return new LedgerReads.Filter(type, Requests.query(ctx, "source_id"), instant(ctx, "created_from"), instant(ctx, "created_to"));
    }

    private static Optional<Instant> instant(Context ctx, String name) {
        try {
            return Requests.query(ctx, name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw Problem.invalid(name + "_invalid", name, name + " must be an ISO-8601 instant such as 2026-01-15T00:00:00Z.").toException();
        }
    }
}
