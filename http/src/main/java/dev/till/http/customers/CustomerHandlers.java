package dev.till.http.customers;

import dev.till.core.customers.CustomerDraft;
import dev.till.core.customers.Customers;
import dev.till.core.paging.Cursor;
import dev.till.domain.Validation;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Json;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Validate;
import dev.till.http.Writes;
import io.javalin.http.Context;

/** {@code /customers}: parse, validate, call one use case, render. */
public final class CustomerHandlers implements Routes.RouteGroup {
    private final Customers customers;
    private final Writes writes;

    public CustomerHandlers(Customers customers, Writes writes) {
        this.customers = customers;
        this.writes = writes;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/customers", Access.SECRET_KEY, this::create)
              .get("/customers", Access.SECRET_KEY, this::list)
              .get("/customers/{id}", Access.SECRET_KEY, this::get)
              .patch("/customers/{id}", Access.SECRET_KEY, this::update)
              .delete("/customers/{id}", Access.SECRET_KEY, this::delete);
    }

    private void create(Context ctx) {
        CustomerJson.Request req = Requests.body(ctx, CustomerJson.Request.class);
        CustomerDraft draft = validate(req, true);
        String merchantId = Caller.merchantId(ctx);
        writes.run(ctx, tx -> Writes.reply(201, CustomerJson.Response.of(customers.create(tx, merchantId, draft))));
    }

    private void get(Context ctx) {
        Replies.json(ctx, 200, CustomerJson.Response.of(customers.get(Caller.merchantId(ctx), ctx.pathParam("id"))));
    }

    private void update(Context ctx) {
        CustomerJson.Request req = Requests.body(ctx, CustomerJson.Request.class);
        CustomerDraft draft = validate(req, false);
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> Writes.reply(200, CustomerJson.Response.of(customers.update(tx, merchantId, id, draft))));
    }

    private void delete(Context ctx) {
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> {
            customers.delete(tx, merchantId, id);
            return Writes.reply(204, null);
        });
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        var page = customers.list(Caller.merchantId(ctx), Requests.query(ctx, "email"),
                Cursor.decodeOrStart(Requests.query(ctx, "cursor")), limit).map(CustomerJson.Response::of);
        Replies.json(ctx, 200, new CustomerJson.ListResponse(page.data(), page.hasMore(), page.nextCursor()));
    }

    private static CustomerDraft validate(CustomerJson.Request req, boolean creating) {
        Validation v = new Validation();
        if (creating) v.check(req.email() != null, "email_required", "email", "email is required.");
        if (req.email() != null) v.check(Validate.email(req.email()), "email_invalid", "email", "email is not a valid address.");
        if (req.name() != null) v.check(req.name().length() <= 255, "name_invalid", "name", "name may be at most 255 characters.");
        if (req.phone() != null) {
            v.check(req.phone().number() != null && req.phone().number().matches("[0-9 ()+\\-]{6,25}"),
                    "phone_number_invalid", "phone.number", "phone.number must be 6 to 25 digits, spaces or dashes.");
            v.check(req.phone().countryCode() == null || req.phone().countryCode().matches("\\+?[0-9]{1,4}"),
                    "phone_country_code_invalid", "phone.country_code", "phone.country_code must look like +44.");
        }
        Validate.metadata(v, req.metadata());
        v.throwIfInvalid();
        String phone = req.phone() == null ? null : new String(Json.bytes(req.phone()), java.nio.charset.StandardCharsets.UTF_8);
        return new CustomerDraft(req.email(), req.name(), phone, Validate.text(req.metadata()));
    }
}
