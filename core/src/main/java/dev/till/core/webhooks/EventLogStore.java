package dev.till.core.webhooks;

import dev.till.core.events.Event;
import dev.till.core.events.EventStore;
import dev.till.core.storage.Sql;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Reads the event outbox for the inspection API; the outbox itself is written by {@code Events}. */
public final class EventLogStore {
    private static final String LIST_PAGE = Sql.of(EventLogStore.class, "listPage");

    private final Handle h;

    public EventLogStore(Handle h) {
        this.h = h;
    }

    public List<Event> listPage(String merchantId, String type, String objectId, Instant afterCreatedOn, String afterId,
                                int limit) {
        return h.createQuery(LIST_PAGE).bind("merchantId", merchantId).bind("type", type).bind("objectId", objectId)
                .bind("afterCreatedOn", afterCreatedOn).bind("afterId", afterId).bind("limit", limit)
                .map(EventStore::event).list();
    }
}
