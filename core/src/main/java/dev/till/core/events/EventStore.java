package dev.till.core.events;

import dev.till.core.storage.Columns;
import dev.till.core.storage.Sql;
import dev.till.core.storage.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The event outbox. Lives as long as its handle. */
public final class EventStore {
    private static final String INSERT = Sql.of(EventStore.class, "insert");
    private static final String FIND = Sql.of(EventStore.class, "find");
    private static final String FOR_OBJECT = Sql.of(EventStore.class, "forObject");

    private final Handle h;

    public EventStore(Handle h) {
        this.h = h;
    }

    /**
     * Events of one object, numbered in list order after the object's last; returns their sequence
     * numbers in that order. The lists run in parallel, one element per event.
     */
    public List<Integer> insert(List<String> ids, String merchantId, List<String> types, String objectId, Instant createdOn,
                                List<String> data) {
        return h.createQuery(INSERT).bindByType("ids", ids, SqlArrays.TEXT).bind("merchantId", merchantId)
                .bindByType("types", types, SqlArrays.TEXT).bind("objectId", objectId).bind("createdOn", createdOn)
                .bindByType("data", data, SqlArrays.TEXT)
                .mapTo(Integer.class).list();
    }

    public Optional<Event> find(String merchantId, String id) {
        return h.createQuery(FIND).bind("merchantId", merchantId).bind("id", id).map(EventStore::event).findOne();
    }

    public List<Event> forObject(String merchantId, String objectId) {
        return h.createQuery(FOR_OBJECT).bind("merchantId", merchantId).bind("objectId", objectId)
                .map(EventStore::event).list();
    }

    /** Also reads the inspection API's pages ({@code EventLogStore}). */
    public static Event event(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Event(rs.getString("id"), rs.getString("merchant_id"), rs.getString("type"), rs.getString("object_id"),
                rs.getInt("object_seq"), Columns.instant(rs, "created_on"), rs.getString("data"));
    }
}
