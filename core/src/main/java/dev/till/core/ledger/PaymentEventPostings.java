package dev.till.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.events.Event;
import dev.till.core.events.Events;
import dev.till.domain.CurrencyCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Money in: posts to the ledger when the payments capability records {@code payment_captured} or
 * {@code payment_refunded}, inside the same transaction as the payment change (so a capture that
 * commits always has its entry, and a refund the merchant cannot cover rolls back whole, with the
 * rest of its group when it is one of a group's: see PaymentGroups).
 * <p>
 * Relies on the payment event's documented data shape (snake_case): {@code id},
 * {@code currency}, {@code funds_availability} ({@code standard} | {@code immediate}) and
 * {@code action{id, type, amount}}. Order dispute events ({@code order.chargeback},
 * {@code order.representation}) carry {@code payment_id}, {@code amount}, {@code refunded_amount}
 * and {@code currency}. Thread-safe.
 */
public final class PaymentEventPostings implements Events.Listener {
    private final PaymentPostings postings;
    private final ObjectMapper json;

    public PaymentEventPostings(PaymentPostings postings, ObjectMapper json) {
        this.postings = postings;
        this.json = json;
    }

    /**
     * A group's captures are posted in one statement, and its refunds in another. The events this
     * listener ignores (approvals, declines) do not break a run; any other change of kind (a
     * capture after refunds, a dispute), or a second refund of one payment, posts the run before
     * it first, so that each posting sees the ones before it, as it would have one by one.
     */
    @Override
    public void recordedAll(Handle tx, List<Events.Recorded> recorded) {
        List<PaymentPostings.Captured> captures = new ArrayList<>();
        List<PaymentPostings.Refunded> refunds = new ArrayList<>();
        for (Events.Recorded r : recorded) {
            switch (r.event().type()) {
                case "payment_captured" -> {
                    postRefunds(tx, refunds);
                    captures.add(captured(r.event()));
                }
                case "payment_refunded" -> {
                    PaymentPostings.Refunded refund = refunded(r.event());
                    postCaptures(tx, captures);
                    if (refunds.stream().anyMatch(o -> o.source().equals(refund.source()))) postRefunds(tx, refunds);
                    refunds.add(refund);
                }
                case "order.chargeback", "order.representation" -> {
                    postCaptures(tx, captures);
                    postRefunds(tx, refunds);
                    recorded(tx, r.event(), r.snapshot());
                }
                default -> { }
            }
        }
        postCaptures(tx, captures);
        postRefunds(tx, refunds);
    }

    private void postCaptures(Handle tx, List<PaymentPostings.Captured> captures) {
        if (captures.isEmpty()) return;
        postings.captureAll(tx, captures);
        captures.clear();
    }

    private void postRefunds(Handle tx, List<PaymentPostings.Refunded> refunds) {
        if (refunds.isEmpty()) return;
        postings.refundAll(tx, refunds);
        refunds.clear();
    }

    @Override
    public void recorded(Handle tx, Event event, Object snapshot) {
        switch (event.type()) {
            case "payment_captured" -> postings.captureAll(tx, List.of(captured(event)));
            case "payment_refunded" -> postings.refundAll(tx, List.of(refunded(event)));
            // Disputes reach the ledger through the orders capability's dispute stages.
            case "order.chargeback", "order.representation" -> {
                JsonNode d = read(event);
                String paymentId = d.path("payment_id").asText(null);
                long amount = d.path("amount").asLong() - d.path("refunded_amount").asLong();
                if (paymentId == null || amount <= 0) return;
                CurrencyCode currency = CurrencyCode.of(d.path("currency").asText());
                if (event.type().equals("order.chargeback")) {
                    postings.imposedChargeback(tx, event.merchantId(), paymentId, event.id(), currency, amount);
                } else {
                    postings.chargebackReversed(tx, event.merchantId(), paymentId, event.id(), currency, amount);
                }
            }
            default -> { }
        }
    }

    private PaymentPostings.Captured captured(Event event) {
        JsonNode d = read(event);
        return new PaymentPostings.Captured(event.merchantId(), d.path("id").asText(), d.path("action").path("id").asText(null),
                CurrencyCode.of(d.path("currency").asText()), d.path("action").path("amount").asLong(),
                "immediate".equals(d.path("funds_availability").asText()));
    }

    private PaymentPostings.Refunded refunded(Event event) {
        JsonNode d = read(event);
        return new PaymentPostings.Refunded(event.merchantId(), d.path("id").asText(), d.path("action").path("id").asText(null),
                CurrencyCode.of(d.path("currency").asText()), d.path("action").path("amount").asLong());
    }

    private JsonNode read(Event event) {
        try {
            return json.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event data for " + event.id(), e);
        }
    }
}
