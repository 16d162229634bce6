package dev.till.server;

import dev.till.core.customers.Customers;
import dev.till.http.Routes;
import dev.till.http.customers.CustomerHandlers;
import java.util.List;

final class CustomersCapability implements Capability {
    @Override
    public List<Routes.RouteGroup> wire(Services s) {
        Customers customers = new Customers(s.jdbi(), s.ids(), s.clock(), s.events());
        return List.of(new CustomerHandlers(customers, s.writes()));
    }
}
