package dev.till.core.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.generic.GenericType;

/**
 * The element types that stores bind as SQL arrays ({@code CAST(:ids AS text[])}), for
 * {@code bindByType(name, list, SqlArrays.TEXT)}. JDBI's {@code bindArray(name, Class, Iterable)}
 * does the same but builds the parameterised type anew on every call, which profiled at about 3%
 * of the gateway's CPU under load (three array statements per payment). Immutable.
 */
public final class SqlArrays {
    public static final GenericType<Iterable<String>> TEXT = new GenericType<>() {};
    public static final GenericType<Iterable<Integer>> INTEGER = new GenericType<>() {};
    public static final GenericType<Iterable<Long>> BIGINT = new GenericType<>() {};
    public static final GenericType<Iterable<Boolean>> BOOLEAN = new GenericType<>() {};

    /** One field of every row, in row order and nulls included: a column to bind as an array. */
    public static <E, T> List<T> column(List<E> rows, Function<E, T> field) {
        return rows.stream().map(field).toList();
    }

    /**
     * Rows found for (merchant, id) pairs that were asked as parallel arrays, put back in the order
     * asked: one answer per pair, null where no row has that pair (a row of another merchant that a
     * statement matched by {@code = ANY} pairs with nothing). A pair asked twice gets its row twice.
     */
    public static <T> List<T> inAskedOrder(List<String> merchantIds, List<String> ids, List<T> rows,
                                           Function<T, String> merchantIdOf, Function<T, String> idOf) {
        Map<List<String>, T> byPair = new HashMap<>();
        for (T row : rows) byPair.put(List.of(merchantIdOf.apply(row), idOf.apply(row)), row);
        List<T> found = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) found.add(byPair.get(List.of(merchantIds.get(i), ids.get(i))));
        return found;
    }

    /**
     * A moment as an element of a {@code text[]} that the statement casts to {@code timestamptz[]}
     * (ISO-8601, which PostgreSQL reads exactly); null stays null. JDBC has no array of instants.
     */
    public static String timestamp(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    private SqlArrays() {}
}
