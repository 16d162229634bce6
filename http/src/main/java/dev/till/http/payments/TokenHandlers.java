package dev.till.http.payments;

import dev.till.core.idempotency.Idempotency;
import dev.till.core.vault.CardInput;
import dev.till.core.vault.TokenGroups;
import dev.till.core.vault.Vault;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Json;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code POST /tokens}: the browser's publishable-key call that turns a card into a {@code tok_}. */
public final class TokenHandlers implements Routes.RouteGroup {
    private final Vault vault;
    private final TokenGroups groups;
    private final Writes writes;

    public TokenHandlers(Vault vault, TokenGroups groups, Writes writes) {
        this.vault = vault;
        this.groups = groups;
        this.writes = writes;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/tokens", Access.PUBLISHABLE_KEY, this::create);
    }

    private void create(Context ctx) {
        TokenJson.Request req = Requests.body(ctx, TokenJson.Request.class);
        if (req.type() != null && !req.type().equals("card")) {
            throw dev.till.domain.Problem.invalid("token_type_invalid", "type", "Only card tokens are supported.").toException();
        }
        CardInput card = new CardInput(req.number(), req.expiryMonth(), req.expiryYear(), req.cvv(), req.name(),
                raw(req.billingAddress()), raw(req.phone()));
        String merchantId = Caller.merchantId(ctx);
        Optional<Idempotency.Key> key = writes.key(ctx);
        if (key.isPresent()) {
            // Its idempotency record must commit with the token: a transaction of its own.
            writes.run(ctx, key, tx -> Writes.reply(201, TokenJson.Response.of(vault.tokenize(tx, merchantId, card))));
        } else {
            Writes.send(ctx, Writes.reply(201, TokenJson.Response.of(groups.tokenize(merchantId, card))));
        }
    }

    static String raw(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null || node.isNull() ? null : new String(Json.bytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }
}
