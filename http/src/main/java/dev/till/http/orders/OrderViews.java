package dev.till.http.orders;

import dev.till.core.orders.Order;
import dev.till.core.orders.OrderView;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Problem;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * Seed 001's three response types. {@code minimum} (the default) answers what a merchant needs to
 * send the customer on: identity, amount, status, attempts and the two pay URLs. {@code standard}
 * adds the lines, the client, the redirects and refund details; {@code full} adds timestamps and
 * the status history.
 */
public final class OrderViews {
    public enum Type { MINIMUM, STANDARD, FULL }

    private final String publicUrl;

    public OrderViews(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public static Type type(Context ctx) {
        String raw = ctx.queryParam("response_type");
        if (raw == null || raw.isBlank()) return Type.MINIMUM;
        for (Type t : Type.values()) if (t.name().equalsIgnoreCase(raw)) return t;
        throw OrderRequests.badRequest(Problem.invalid("response_type_invalid", "response_type",
                "response_type must be minimum, standard or full."));
    }

    public String checkoutUrl(Order o) {
        return publicUrl + "/pay/" + o.merchantId() + "/" + o.id();
    }

    public OrderJson.Response render(OrderView v, Type type) {
        Order o = v.order();
        var transactions = v.attempts().stream()
                // A late approval another attempt beat is being given back: it did not pay the order.
                .map(a -> new OrderJson.Transaction(a.paymentId(), a.supersededOn() != null ? "superseded" : a.outcome(),
                        a.createdOn().toString())).toList();
        boolean standard = type != Type.MINIMUM;
        boolean full = type == Type.FULL;
        CurrencyCode currency = CurrencyCode.of(o.currency());
        List<OrderJson.ProductLine> lines = v.products().stream()
                .map(p -> new OrderJson.ProductLine(p.title(), currency.toMajor(p.unitPrice()), p.quantity(), p.total())).toList();
        return new OrderJson.Response("order", o.id(), o.currency(), o.amount(), o.status(), transactions,
                checkoutUrl(o), publicUrl + "/orders/" + o.id() + "/pay",
                standard ? lines : null,
                standard ? new OrderJson.Client(o.clientEmail(), o.clientName(), o.clientPhone()) : null,
                standard ? o.description() : null, standard ? o.reference() : null, standard ? o.metadata() : null,
                standard ? o.capture() : null, standard ? o.refundedAmount() : null,
                standard ? text(o.dueDate()) : null, standard ? o.expireOnDueDate() : null,
                standard ? o.maxPaymentAttempts() : null, standard ? o.paymentAttempts() : null,
                standard ? o.successRedirect() : null, standard ? o.inProgressRedirect() : null,
                standard ? o.failureRedirect() : null,
                full ? text(o.createdOn()) : null, full ? text(o.updatedOn()) : null, full ? text(o.heldOn()) : null,
                full ? v.history().stream().map(h -> new OrderJson.StatusChange(h.status(), h.at().toString())).toList() : null);
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
