package dev.till.core.payments;

import java.time.Duration;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * How long a release the network declined waits before it is tried again: the order jobs' void
 * or refund of a superseded payment, the links job's of a late authorization. Money stays taken
 * until a release goes through, so it is never given up; but the wait doubles with each refusal
 * (5, 10, 20 minutes…) up to 6 hours, so a network that keeps declining is asked a few times a
 * day instead of every five minutes for ever. The stores apply it in their SQL, from the row's
 * count of refusals.
 */
public final class ReleaseBackoff {
    public static final Duration FIRST = Duration.ofMinutes(5);
    public static final Duration LONGEST = Duration.ofHours(6);

    private ReleaseBackoff() {}

    /** Binds the two bounds as the stores' {@code markReleaseRetry.sql} names them. */
    public static <T extends SqlStatement<T>> T bindTo(T statement) {
        return statement.bind("firstSeconds", FIRST.toSeconds()).bind("longestSeconds", LONGEST.toSeconds());
    }
}
