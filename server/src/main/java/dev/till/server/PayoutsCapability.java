package dev.till.server;

import dev.till.core.fx.FxRates;
import dev.till.core.fx.Quotes;
import dev.till.core.ledger.Ledger;
import dev.till.core.ledger.MerchantPricing;
import dev.till.core.payouts.AdvancePayouts;
import dev.till.core.payouts.Payouts;
import dev.till.http.Routes;
import dev.till.http.dialects.payouts.PaymentsApiHandlers;
import dev.till.http.payouts.PayoutHandlers;
import dev.till.processor.payouts.SimulatedPayoutRail;
import java.time.Duration;
import java.util.List;

/** FX quotes and payouts, native and in seed 003's dialect, moved along by the simulated payout rail. */
final class PayoutsCapability implements Capability {
    @Override
    public List<Routes.RouteGroup> wire(Services s) {
        Ledger ledger = new Ledger(s.ids(), s.clock());
        var c = s.config();
        Quotes quotes = new Quotes(s.jdbi(), s.ids(), s.clock(), new FxRates(c.fxRatesFile()), new MerchantPricing(),
                c.fxSpreadBps(), c.quoteTtl());
        Payouts payouts = new Payouts(s.jdbi(), s.ids(), s.clock(), s.events(), quotes, ledger, s.json());
        var rail = new AdvancePayouts(s.jdbi(), s.clock(), s.events(), new SimulatedPayoutRail(), ledger, s.json());
        s.jobs().register("payout-rail", Duration.ofSeconds(5), rail::runOnce);
        return List.of(new PayoutHandlers(quotes, payouts, s.writes()), new PaymentsApiHandlers(quotes, payouts, s.writes()));
    }
}
