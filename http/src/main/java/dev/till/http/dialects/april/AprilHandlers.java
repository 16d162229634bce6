package dev.till.http.dialects.april;

import dev.till.core.orders.AprilTransaction;
import dev.till.core.orders.AprilTransactions;
import dev.till.core.orders.Order;
import dev.till.core.orders.OrderPayments;
import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentSource;
import dev.till.domain.Money;
import dev.till.domain.orders.OrderStatus;
import dev.till.http.Access;
import dev.till.http.ApiErrors;
import dev.till.http.Caller;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * April's PayByCard and CreateRefund (seed 000), translated onto the order use cases. The dialect
 * never touches storage; its transactions ({@code tran_}) are minted by the core. A decline is a
 * committed attempt (it counts, and its events are sent), so it is answered as a reply, not thrown.
 */
public final class AprilHandlers implements Routes.RouteGroup {
    private final OrderPayments payments;
    private final AprilTransactions transactions;
    private final Writes writes;

    public AprilHandlers(OrderPayments payments, AprilTransactions transactions, Writes writes) {
        this.payments = payments;
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/orders/{id}/pay", Access.SECRET_KEY, AprilErrors.translating(this::pay))
              .patch("/transactions/{id}", Access.SECRET_KEY, AprilErrors.translating(this::update));
    }

    private void pay(Context ctx) {
        AprilJson.PayOrder req = Requests.body(ctx, AprilJson.PayOrder.class);
        String token = req.payByCard() == null ? null : req.payByCard().paymentTokenId();
        if (token == null || token.isBlank()) {
            throw ApiErrors.malformed("payment_token_required", "PayByCard.paymentTokenId is required.", "PayByCard.paymentTokenId").toException();
        }
        String merchantId = Caller.merchantId(ctx);
        String orderId = ctx.pathParam("id");
        String tracer = Caller.requestId(ctx);
        writes.run(ctx, tx -> {
            OrderPayments.Attempt attempt = payments.pay(tx, merchantId, orderId, new PaymentSource.Token(token));
            Payment p = attempt.paymentRow();
            Order o = attempt.order();
            if (o.state() == OrderStatus.PAID || o.state() == OrderStatus.HOLD) {
                AprilTransaction t = transactions.create(tx, merchantId, p.id(), o.id());
                return Writes.reply(200, transaction(t, o, o.state() == OrderStatus.PAID ? "paid" : "authorised"));
            }
            if ("Pending".equals(p.status())) {
                AprilTransaction t = transactions.create(tx, merchantId, p.id(), o.id());
                return Writes.reply(202, transaction(t, o, "processing"));
            }
            return Writes.reply(400, AprilErrors.declined(tracer, p.responseCode(), p.responseSummary()));
        });
    }

    private void update(Context ctx) {
        AprilJson.UpdateTransaction req = Requests.body(ctx, AprilJson.UpdateTransaction.class);
        if (req.createRefund() == null) {
            throw ApiErrors.malformed("update_required", "Send CreateRefund.", "CreateRefund").toException();
        }
        Long amount = req.createRefund().refundAmount();
        if (amount != null && (amount <= 0 || amount > Money.MAX_MINOR)) {
            throw ApiErrors.malformed("refund_amount_invalid", "CreateRefund.refundAmount must be positive, at most " + Money.MAX_MINOR + ".",
                    "CreateRefund.refundAmount").toException();
        }
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.runDebit(ctx, tx -> {
            AprilTransaction t = transactions.get(tx, merchantId, id);
            Order o = payments.refundPayment(tx, merchantId, t.orderId(), t.paymentId(), Optional.ofNullable(amount));
            if (o.state() == OrderStatus.REFUND_FAILED) {
                return Writes.reply(400, AprilErrors.refundDeclined(Caller.requestId(ctx)));
            }
            return Writes.reply(200, transaction(t, o, o.state() == OrderStatus.REFUNDED ? "refunded" : "partially_refunded"));
        });
    }

    private static AprilJson.Transaction transaction(AprilTransaction t, Order o, String status) {
        return new AprilJson.Transaction(t.id(), status, o.amount(), o.currency(), "payinfull",
                o.refundedAmount() > 0 ? o.refundedAmount() : null);
    }
}
