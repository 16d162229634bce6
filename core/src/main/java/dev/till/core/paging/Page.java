package dev.till.core.paging;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** One page of a newest-first list, fetched with limit + 1 rows to learn whether more exist. */
public record Page<T>(List<T> data, boolean hasMore, String nextCursor) {

    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, Instant> createdOn, Function<T, String> id) {
        if (rowsPlusOne.size() <= limit) return new Page<>(rowsPlusOne, false, null);
        List<T> data = rowsPlusOne.subList(0, limit);
        T last = data.getLast();
        return new Page<>(List.copyOf(data), true, new Cursor(createdOn.apply(last), id.apply(last)).encode());
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(data.stream().map(f).toList(), hasMore, nextCursor);
    }
}
