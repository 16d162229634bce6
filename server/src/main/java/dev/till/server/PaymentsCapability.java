package dev.till.server;

import dev.till.core.customers.Customers;
import dev.till.core.payments.Payments;
import dev.till.core.vault.Vault;
import dev.till.http.Routes;
import dev.till.http.payments.PaymentHandlers;
import dev.till.http.payments.TokenHandlers;
import dev.till.http.threeds.ChallengeHandlers;
import dev.till.processor.Connector;
import dev.till.processor.simulator.Simulator;
import java.time.Duration;
import java.util.List;

/**
 * Card payments: tokens, the vault, payments and the hosted 3-D Secure page, on the built-in
 * simulator.
 */
final class PaymentsCapability implements Capability {
    private Payments payments;

    /** The payments use cases, for capabilities wired after this one (orders); null before {@link #wire}. */
    Payments payments() {
        return payments;
    }

    @Override
    public List<Routes.RouteGroup> wire(Services s) {
        Duration authExpiry = s.config().authExpiry();
        Connector connector = new Simulator();
        Vault vault = new Vault(s.jdbi(), s.ids(), s.clock(), s.keysets(), connector);
        Customers customers = new Customers(s.jdbi(), s.ids(), s.clock(), s.events());
        payments = new Payments(s.jdbi(), s.ids(), s.clock(), s.events(), vault, customers, connector, authExpiry,
                s.refundCover());
        s.jobs().register("tokens-wipe-expired", Duration.ofMinutes(1), vault::wipeExpiredTokens);
        s.jobs().register("payments-reconcile", Duration.ofSeconds(30), payments::reconcileOnce);
        s.jobs().register("payments-expire-challenges", Duration.ofSeconds(30), payments::expireChallengesOnce);
        s.jobs().register("payments-expire-authorizations", Duration.ofMinutes(5), payments::expireOnce);
        return List.of(new TokenHandlers(vault, s.writes()), new PaymentHandlers(payments, s.writes(), s.publicUrl(), s.receipts()),
                new ChallengeHandlers(payments));
    }
}
