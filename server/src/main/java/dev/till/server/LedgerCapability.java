package dev.till.server;

import dev.till.core.ledger.Ledger;
import dev.till.core.ledger.LedgerReads;
import dev.till.core.ledger.MerchantPricing;
import dev.till.core.ledger.PaymentEventPostings;
import dev.till.core.ledger.PaymentPostings;
import dev.till.core.ledger.SettlePending;
import dev.till.core.ledger.TestFunding;
import dev.till.domain.CurrencyCode;
import dev.till.http.Routes;
import dev.till.http.ledger.LedgerHandlers;
import java.time.Duration;
import java.util.List;

/**
 * The ledger: posts captures and refunds from payment events (a listener inside the recording
 * transaction), settles pending funds on a job, and serves balances and balance transactions.
 */
final class LedgerCapability implements Capability {
    /** How long a round of the fold waits for one pair's lock, behind its debits, before leaving it for the next. */
    private static final Duration FOLD_WAIT = Duration.ofSeconds(2);

    @Override
    public List<Routes.RouteGroup> wire(Services s) {
        Ledger ledger = new Ledger(s.ids(), s.clock());
        var postings = new PaymentPostings(ledger, new MerchantPricing(), s.ids(), s.clock(), s.config().settlementDelay());
        s.events().addListener(new PaymentEventPostings(postings, s.json()));
        s.refundCover().register((tx, refunds) -> postings.coverRefunds(tx, refunds.stream().map(r ->
                new PaymentPostings.Refunded(r.merchantId(), r.paymentId(), null, CurrencyCode.of(r.currency()), r.amount())).toList()));
        SettlePending settle = new SettlePending(s.jdbi(), ledger, s.clock());
        s.jobs().register("ledger-settlement", Duration.ofMinutes(1), settle::runOnce);
        s.jobs().register("ledger-fold", Duration.ofSeconds(1), () -> ledger.foldOnce(s.jdbi(), FOLD_WAIT));
        return List.of(new LedgerHandlers(new LedgerReads(s.jdbi()), new TestFunding(ledger, s.ids()), s.writes()));
    }
}
