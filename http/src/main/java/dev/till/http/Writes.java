package dev.till.http;

import dev.till.core.crypto.Keysets;
import dev.till.core.idempotency.Idempotency;
import dev.till.core.idempotency.StoredResponse;
import dev.till.core.ledger.DebitTurns;
import dev.till.domain.Problem;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Runs a write endpoint: one transaction holding the effect, its events and (when the caller sent
 * {@code Idempotency-Key} or {@code Cko-Idempotency-Key}) the idempotency record with the exact
 * response bytes. A replay answers those bytes with {@code Idempotent-Replayed: true}.
 * Thread-safe.
 */
public final class Writes {
    private static final int MAX_KEY_LENGTH = 255;

    private final Idempotency idempotency;
    private final Keysets keysets;
    private final DebitTurns debitTurns;

    public Writes(Idempotency idempotency, Keysets keysets, DebitTurns debitTurns) {
        this.idempotency = idempotency;
        this.keysets = keysets;
        this.debitTurns = debitTurns;
    }

    /** The work renders its own response inside the transaction; see {@link #reply}. */
    public void run(Context ctx, Function<Handle, StoredResponse> work) {
        run(ctx, key(ctx), work);
    }

    /** As {@link #run(Context, Function)}, with the request's key already read ({@link #key}). */
    public void run(Context ctx, Optional<Idempotency.Key> key, Function<Handle, StoredResponse> work) {
        send(ctx, idempotency.run(key, work));
    }

    /**
     * As {@link #run}, for a write that debits its merchant's balance (a refund, a payout): it
     * waits its turn among the merchant's debits before it takes a connection ({@link DebitTurns}).
     * A replay, and the 409 of a retry while the first is still running, wait for that turn too.
     */
    public void runDebit(Context ctx, Function<Handle, StoredResponse> work) {
        Optional<Idempotency.Key> key = key(ctx);
        send(ctx, debitTurns.inTurn(Caller.merchantId(ctx), () -> idempotency.run(key, work)));
    }

    /** Sends what a write answered, or replays: the stored bytes, with {@code Idempotent-Replayed} on a replay. */
    public static void send(Context ctx, StoredResponse response) {
        if (response.replayed()) ctx.header("Idempotent-Replayed", "true");
        if (response.body().length == 0) Replies.empty(ctx, response.status());
        else Replies.bytes(ctx, response.status(), response.body());
    }

    public static StoredResponse reply(int status, Object body) {
        return StoredResponse.of(status, body == null ? new byte[0] : Json.bytes(body));
    }

    /** The request's idempotency key, if it sent one; a malformed one is refused. */
    public Optional<Idempotency.Key> key(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) key = ctx.header("Cko-Idempotency-Key");
        if (key == null) return Optional.empty();
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw Problem.invalid("idempotency_key_invalid", "Idempotency-Key",
                    "An Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters.").toException();
        }
        String endpoint = ctx.method() + " " + ctx.path();
        return Optional.of(new Idempotency.Key(Caller.merchantId(ctx), endpoint, key, keysets.keyedHash(Requests.canonical(ctx))));
    }
}
