package dev.till.core.vault;

import dev.till.core.storage.GroupQueue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for {@code POST /tokens}, the first of a checkout's three calls: a token is checked
 * and encrypted on its request's thread ({@link Vault#newToken}), then waits in a queue; one
 * writer takes every token waiting (up to {@value #MAX_GROUP}) and stores them with one statement
 * and one commit. Alone, each token was a transaction of its own: an insert and a commit, each a
 * round trip, and a commit's flush (docs/hot-path.md, session 21). When the writer is idle a token
 * is a group of one and waits for nobody.
 * <p>
 * A token is an insert and nothing else: no row to lock, no event, no ledger, no network. So a
 * request gets exactly what it would get alone, and a group whose statement fails can safely be
 * run again token by token, each in a transaction of its own. A failed COMMIT is not run again
 * (whether it took effect is unknown): its tokens' requests fail, and the browser tokenizes again.
 * A token can also be stored while its request fails: when the request's thread is interrupted
 * while it waits, or the connection fails to close after the commit (alone, a connection lost
 * after the commit does the same). Nobody holds such a token, and its secrets are wiped when it
 * expires. Requests with an idempotency key are not grouped: their record must commit with the
 * token. Thread-safe.
 */
public final class TokenGroups implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenGroups.class);
    /** As for payment groups: larger groups save little more per token and make each wait longer. */
    static final int MAX_GROUP = 32;

    private final Jdbi jdbi;
    private final Vault vault;
    private final GroupQueue<Job> queue;
    private final AtomicLong groupsWritten = new AtomicLong();
    private final AtomicLong tokensWritten = new AtomicLong();

    /** @param jdbi the writer's own connection (Database#genericPlanned), one at a time */
    public TokenGroups(Jdbi jdbi, Vault vault) {
        this.jdbi = jdbi;
        this.vault = vault;
        this.queue = new GroupQueue<>("token-group-writer", 1, MAX_GROUP, this::run, Job::stored);
    }

    private record Job(Vault.NewToken token, CompletableFuture<Void> stored) {}

    /**
     * Validates the card and stores it behind a single-use token, in a group with whatever tokens
     * arrive meanwhile; returns once the token is committed. A card it refuses is thrown as a
     * {@link dev.till.domain.ProblemException} before anything is queued.
     */
    public StoredCard tokenize(String merchantId, CardInput input) {
        Job job = new Job(vault.newToken(merchantId, input), new CompletableFuture<>());
        queue.add(job);
        GroupQueue.result(job.stored(), "while the token was stored");
        return job.token().card();
    }

    /** Tokens waiting for the writer right now (for the metrics). */
    public int waiting() {
        return queue.waiting();
    }

    /** Groups written since start, and the tokens in them (for the metrics). */
    public long groupsWritten() {
        return groupsWritten.get();
    }

    public long tokensWritten() {
        return tokensWritten.get();
    }

    /** Stores a group, or, when its statement fails, each of its tokens alone. */
    private void run(List<Job> group) {
        GroupQueue.Written<Void> written = GroupQueue.inTransaction(jdbi, group, Job::stored, tx -> {
            vault.storeTokens(tx, group.stream().map(Job::token).toList());
            return null;
        });
        if (written == null) return; // a failed COMMIT: every token of the group has its failure
        if (!written.committed()) {
            RuntimeException failed = written.rolledBack();
            if (group.size() == 1) {
                group.getFirst().stored().completeExceptionally(failed);
                return;
            }
            log.warn("a group of {} tokens failed as a whole; each is stored again alone", group.size(), failed);
            for (Job j : group) run(List.of(j));
            return;
        }
        groupsWritten.incrementAndGet();
        tokensWritten.addAndGet(group.size());
        for (Job j : group) j.stored().complete(null);
    }

    /**
     * Stops the writer once the tokens already waiting are stored; call it after the HTTP server
     * has drained, when nothing new can arrive.
     */
    @Override
    public void close() {
        queue.close();
    }
}
