package dev.till.server;

import dev.till.http.Routes;
import java.util.List;

/**
 * One capability's wiring (customers, payments, webhooks, …): it builds its use cases from the
 * shared {@link Services}, registers its background jobs, and returns its route groups.
 */
public interface Capability {
    List<Routes.RouteGroup> wire(Services services);

    /** Stops what {@link #wire} started to run beside the requests; called once the HTTP server has drained. */
    default void close() {}
}
