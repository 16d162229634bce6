package dev.till.server;

import dev.till.core.customers.Customers;
import dev.till.core.payments.PaymentGroups;
import dev.till.core.payments.Payments;
import dev.till.core.vault.TokenGroups;
import dev.till.core.vault.Vault;
import dev.till.http.Routes;
import dev.till.http.payments.PaymentHandlers;
import dev.till.http.payments.TokenHandlers;
import dev.till.http.threeds.ChallengeHandlers;
import dev.till.processor.Connector;
import dev.till.processor.simulator.Simulator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Card payments: tokens, the vault, payments and the hosted 3-D Secure page, on the built-in
 * simulator.
 */
final class PaymentsCapability implements Capability {
    private Payments payments;
    private PaymentGroups groups;
    private TokenGroups tokens;

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
        int writers = s.config().paymentWriters();
        if (writers < 1) throw new IllegalArgumentException("TILL_PAYMENT_WRITERS must be at least 1, not " + writers);
        // One connection per payment writer, one for the refund writer and one for the token writer.
        Jdbi grouped = s.database().genericPlanned(writers + 2);
        groups = new PaymentGroups(grouped, s.ids(), s.idempotency(), payments, s.events(), writers);
        tokens = new TokenGroups(grouped, vault);
        FunctionCounter.builder("till_payment_groups", groups, PaymentGroups::groupsWritten)
                .description("Transactions that wrote groups of new payments, captures and refunds (POST /payments, POST /payments/{id}/captures, POST /payments/{id}/refunds)").register(s.metrics());
        FunctionCounter.builder("till_payment_group_requests", groups, PaymentGroups::requestsWritten)
                .description("Requests those transactions wrote (divided by till_payment_groups: the mean group)")
                .register(s.metrics());
        Gauge.builder("till_payment_group_waiting", groups, PaymentGroups::waiting)
                .description("New payments, captures and refunds waiting for a group writer").register(s.metrics());
        FunctionCounter.builder("till_token_groups", tokens, TokenGroups::groupsWritten)
                .description("Transactions that stored groups of new tokens (POST /tokens without an idempotency key)")
                .register(s.metrics());
        FunctionCounter.builder("till_token_group_tokens", tokens, TokenGroups::tokensWritten)
                .description("Tokens those transactions stored (divided by till_token_groups: the mean group)").register(s.metrics());
        Gauge.builder("till_token_group_waiting", tokens, TokenGroups::waiting)
                .description("New tokens waiting for the token writer").register(s.metrics());
        s.jobs().register("tokens-wipe-expired", Duration.ofMinutes(1), vault::wipeExpiredTokens);
        s.jobs().register("payments-reconcile", Duration.ofSeconds(30), payments::reconcileOnce);
        s.jobs().register("payments-expire-challenges", Duration.ofSeconds(30), payments::expireChallengesOnce);
        s.jobs().register("payments-expire-authorizations", Duration.ofMinutes(5), payments::expireOnce);
        return List.of(new TokenHandlers(vault, tokens, s.writes()), new PaymentHandlers(payments, groups, s.writes(), s.publicUrl(), s.receipts()),
                new ChallengeHandlers(payments));
    }

    @Override
    public void close() {
        try {
            if (groups != null) groups.close();
        } finally {
            if (tokens != null) tokens.close();
        }
    }
}
