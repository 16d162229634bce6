package dev.till.orders;

import dev.till.core.events.Event;
import dev.till.core.events.EventStore;
import dev.till.testkit.TillServer;
import java.util.List;

/** Reads the event outbox, where every order event is recorded before webhooks deliver it. */
final class OrderEventsProbe {
    private OrderEventsProbe() {}

    static List<String> types(TillServer till, String merchantId, String orderId) {
        return events(till, merchantId, orderId).stream().map(Event::type).toList();
    }

    static List<Event> events(TillServer till, String merchantId, String orderId) {
        return till.gateway().services().jdbi().withHandle(h -> new EventStore(h).forObject(merchantId, orderId));
    }
}
