package dev.till.server;

import dev.till.core.orders.OrderJobs;
import dev.till.core.orders.OrderTransitions;
import dev.till.core.orders.Orders;
import dev.till.http.Routes;
import dev.till.http.checkout.CheckoutHandlers;
import dev.till.http.orders.OrderHandlers;
import dev.till.http.orders.OrderViews;
import java.time.Duration;
import java.util.List;

/** Orders, the hosted payform, till.js and the April dialect. */
final class OrdersCapability implements Capability {
    @Override
    public List<Routes.RouteGroup> wire(Services s) {
        OrderTransitions transitions = new OrderTransitions(s.clock(), s.events());
        Orders orders = new Orders(s.jdbi(), s.ids(), s.clock(), s.merchants(), transitions);
        OrderJobs jobs = new OrderJobs(s.jdbi(), s.clock(), transitions, OrderJobs.HoldRelease.NONE);
        s.jobs().register(OrderJobs.DUE_DATES, Duration.ofMinutes(1), jobs::passDueDates);
        s.jobs().register(OrderJobs.HOLD_RELEASE, Duration.ofMinutes(10), jobs::releaseOldHolds);
        OrderViews views = new OrderViews(s.publicUrl());
        return List.of(new OrderHandlers(orders, s.writes(), views, s.clock()),
                new CheckoutHandlers(orders, s.merchants(), s.jdbi()));
    }
}
