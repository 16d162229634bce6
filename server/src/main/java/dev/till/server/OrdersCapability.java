package dev.till.server;

import dev.till.core.orders.AprilTransactions;
import dev.till.core.orders.OrderJobs;
import dev.till.core.orders.OrderPaymentListener;
import dev.till.core.orders.OrderPayments;
import dev.till.core.orders.OrderTransitions;
import dev.till.core.orders.Orders;
import dev.till.http.RateLimits;
import dev.till.http.Routes;
import dev.till.http.checkout.CheckoutHandlers;
import dev.till.http.checkout.PayformPayHandlers;
import dev.till.http.dialects.april.AprilHandlers;
import dev.till.http.orders.OrderHandlers;
import dev.till.http.orders.OrderPaymentHandlers;
import dev.till.http.orders.OrderViews;
import java.time.Duration;
import java.util.List;

/**
 * Orders, the hosted payform, till.js and the April dialect. An order's attempts are payments, so
 * this capability is wired after payments and uses its use cases.
 */
final class OrdersCapability implements Capability {
    private final PaymentsCapability paymentsCapability;

    OrdersCapability(PaymentsCapability paymentsCapability) {
        this.paymentsCapability = paymentsCapability;
    }

    @Override
    public List<Routes.RouteGroup> wire(Services s) {
        var payments = paymentsCapability.payments();
        OrderTransitions transitions = new OrderTransitions(s.clock(), s.events());
        Orders orders = new Orders(s.jdbi(), s.ids(), s.clock(), s.merchants(), transitions);
        OrderPayments orderPayments = new OrderPayments(payments, transitions, s.clock(), s.publicUrl());
        s.events().addListener(new OrderPaymentListener(orderPayments));
        s.receipts().register(orderPayments::receiptUrl);
        OrderJobs jobs = new OrderJobs(s.jdbi(), s.clock(), transitions, orderPayments::expireHold);
        s.jobs().register(OrderJobs.DUE_DATES, Duration.ofMinutes(1), jobs::passDueDates);
        s.jobs().register(OrderJobs.HOLD_RELEASE, Duration.ofMinutes(10), jobs::releaseOldHolds);
        s.jobs().register("order-release-superseded", Duration.ofSeconds(10), () -> orderPayments.releaseSupersededOnce(s.jdbi()));
        OrderViews views = new OrderViews(s.publicUrl());
        return List.of(new OrderHandlers(orders, s.writes(), views, s.clock()),
                new OrderPaymentHandlers(orders, orderPayments, s.writes(), views),
                new AprilHandlers(orderPayments, new AprilTransactions(s.ids(), s.clock()), s.writes()),
                new CheckoutHandlers(orders, s.merchants(), s.jdbi()),
                new PayformPayHandlers(orders, orderPayments, s.merchants(), s.jdbi(), s.publicUrl(),
                        new RateLimits(new RateLimits.Settings(0, 0, s.config().anonymousPerSecond()), s.clock())));
    }
}
