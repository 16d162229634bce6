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
 * commits always has its entry, and a refund the merchant cannot cover rolls back whole).
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
     * A group's captures are posted in one statement. The events this listener ignores (approvals,
     * declines) do not break a run of captures; one it acts on otherwise (a refund, a dispute)
     * posts after the captures before it, as it would have one by one.
     */
    @Override
    public void recordedAll(Handle tx, List<Events.Recorded> recorded) {
        List<PaymentPostings.Captured> captures = new ArrayList<>();
        for (Events.Recorded r : recorded) {
            switch (r.event().type()) {
                case "payment_captured" -> captures.add(captured(r.event()));
                case "payment_refunded", "order.chargeback", "order.representation" -> {
                    if (!captures.isEmpty()) {
                        postings.captureAll(tx, captures);
                        captures.clear();
                    }
                    recorded(tx, r.event(), r.snapshot());
                }
                default -> { }
            }
        }
        if (!captures.isEmpty()) postings.captureAll(tx, captures);
    }

    @Override
    public void recorded(Handle tx, Event event, Object snapshot) {
        switch (event.type()) {
            case "payment_captured" -> postings.captureAll(tx, List.of(captured(event)));
            case "payment_refunded" -> {
                JsonNode d = read(event);
                postings.refund(tx, event.merchantId(), d.path("id").asText(), d.path("action").path("id").asText(null),
                        CurrencyCode.of(d.path("currency").asText()), d.path("action").path("amount").asLong());
            }
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

    private JsonNode read(Event event) {
        try {
            return json.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event data for " + event.id(), e);
        }
    }
}
