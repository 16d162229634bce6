package dev.till.core.orders;

import dev.till.core.events.EventStore;
import dev.till.core.merchants.Merchants;
import dev.till.core.paging.Cursor;
import dev.till.core.paging.Page;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.orders.OrderCommand;
import dev.till.domain.orders.OrderStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Order use cases that involve no card: issuing, reading, listing, the merchant's and the
 * customer's own actions, and the test-mode dispute trigger. Writes take the caller's
 * transaction so the change, its events and the idempotency record commit together. Thread-safe.
 */
public final class Orders {
    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final Merchants merchants;
    private final OrderTransitions transitions;

    public Orders(Jdbi jdbi, Ids ids, Clock clock, Merchants merchants, OrderTransitions transitions) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.merchants = merchants;
        this.transitions = transitions;
    }

    public Order create(Handle tx, String merchantId, OrderDraft d) {
        OrderSettings defaults = settings(tx, merchantId);
        String currency = d.currency() != null ? d.currency()
                : merchants.find(merchantId).orElseThrow().defaultCurrency();
        long amount = d.products().stream().mapToLong(OrderProduct::total).reduce(0, Math::addExact);
        Instant now = clock.instant();
        Order order = new Order(ids.next("ordr_"), merchantId, OrderStatus.ISSUED.wire(), currency, amount, 0,
                d.description(), d.reference(), d.metadata(), d.clientEmail(), d.clientName(), d.clientPhone(),
                d.capture(), d.dueDate(), d.expireOnDueDate() != null ? d.expireOnDueDate() : defaults.expireOnDueDate(),
                d.maxPaymentAttempts(), 0,
                orDefault(d.successRedirect(), defaults.successRedirect()),
                orDefault(d.inProgressRedirect(), defaults.inProgressRedirect()),
                orDefault(d.failureRedirect(), defaults.failureRedirect()), null, now, now);
        OrderStore store = new OrderStore(tx);
        store.insert(order);
        for (OrderProduct p : d.products()) store.insertProduct(merchantId, order.id(), p);
        Order created = store.find(merchantId, order.id()).orElseThrow();
        transitions.issued(tx, created);
        return created;
    }

    public OrderView view(String merchantId, String id) {
        return jdbi.inTransaction(tx -> view(tx, merchantId, id));
    }

    public OrderView view(Handle tx, String merchantId, String id) {
        Order order = new OrderStore(tx).find(merchantId, id).orElseThrow(() -> notFound(id));
        List<OrderView.StatusChange> history = new EventStore(tx).forObject(merchantId, id).stream()
                .filter(e -> e.type().startsWith("order.") && OrderStatus.fromWire(e.type().substring(6)).isPresent())
                .map(e -> new OrderView.StatusChange(e.type().substring(6), e.createdOn())).toList();
        return new OrderView(order, new OrderStore(tx).products(merchantId, id),
                new OrderAttemptStore(tx).forOrder(merchantId, id), history);
    }

    public Page<Order> list(String merchantId, OrderFilter filter, Cursor after, int limit) {
        var rows = jdbi.withHandle(h -> new OrderStore(h)
                .listPage(merchantId, filter, after.createdOn(), after.id(), limit + 1));
        return Page.of(rows, limit, Order::createdOn, Order::id);
    }

    /** Applies one merchant or customer action to a locked order. */
    public Order act(Handle tx, String merchantId, String id, OrderCommand command) {
        return transitions.apply(tx, lock(tx, merchantId, id), command, null);
    }

    /** The first open of the payform marks the order viewed; later opens change nothing. */
    public Order opened(Handle tx, String merchantId, String id) {
        Order order = lock(tx, merchantId, id);
        return order.state() == OrderStatus.ISSUED ? transitions.apply(tx, order, new OrderCommand.View(), null) : order;
    }

    /** Test mode only: the simulated card network raises a dispute stage on a paid order. */
    public Order dispute(Handle tx, String merchantId, String id, OrderStatus stage) {
        if (!merchants.find(merchantId).orElseThrow().testMode()) {
            throw Problem.notAllowed("test_mode_only", "Disputes can only be simulated for a test-mode merchant.").toException();
        }
        Order order = lock(tx, merchantId, id);
        // The disputed payment rides on the event, so the ledger can post the chargeback.
        String paymentId = new OrderAttemptStore(tx).latestApprovedPayment(merchantId, id).orElse(null);
        return transitions.apply(tx, order, new OrderCommand.Dispute(stage), paymentId);
    }

    public Order lock(Handle tx, String merchantId, String id) {
        return new OrderStore(tx).findForUpdate(merchantId, id).orElseThrow(() -> notFound(id));
    }

    public OrderSettings settings(Handle tx, String merchantId) {
        return new OrderSettingsStore(tx).find(merchantId).orElse(OrderSettings.NONE);
    }

    public OrderSettings settingsOf(String merchantId) {
        return jdbi.withHandle(h -> settings(h, merchantId));
    }

    public OrderSettings saveSettings(Handle tx, String merchantId, OrderSettings settings) {
        new OrderSettingsStore(tx).save(merchantId, settings, clock.instant());
        return settings(tx, merchantId);
    }

    static dev.till.domain.ProblemException notFound(String id) {
        return Problem.notFound("order", id).toException();
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
