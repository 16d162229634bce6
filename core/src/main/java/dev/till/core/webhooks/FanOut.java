package dev.till.core.webhooks;

import dev.till.core.events.Event;
import dev.till.core.events.Events;
import org.jdbi.v3.core.Handle;

/**
 * Turns every recorded event into one pending delivery per subscribed endpoint, in the same
 * transaction as the event: if the change commits, its deliveries exist; if not, neither does.
 * One INSERT … SELECT per event. Stateless and thread-safe.
 */
public final class FanOut implements Events.Listener {
    @Override
    public void recorded(Handle tx, Event event) {
        new DeliveryStore(tx).fanOut(event.merchantId(), event.id(), event.type(), event.createdOn());
    }
}
