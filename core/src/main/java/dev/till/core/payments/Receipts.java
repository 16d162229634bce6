package dev.till.core.payments;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;

/**
 * Where a payment's receipt can be viewed, if anything owns one: Payer's capture answer carries
 * receipt links when the payment belongs to an order, and null otherwise. Capabilities that own
 * payments (orders) register a lookup at wiring time, so payments never depends on them.
 * Thread-safe.
 */
public final class Receipts {
    /** Returns the receipt page's absolute URL when this capability owns the payment. */
    public interface Source {
        Optional<String> receiptUrl(Handle tx, String merchantId, String paymentId);
    }

    private final List<Source> sources = new CopyOnWriteArrayList<>();

    public void register(Source source) {
        sources.add(source);
    }

    /**
     * A payment made through the plain payments API belongs to no capability ({@link Payment#paysFor()}
     * is null), so it has no receipt and costs no lookup.
     */
    public Optional<String> forPayment(Handle tx, Payment payment) {
        if (payment.paysFor() == null) return Optional.empty();
        for (Source s : sources) {
            Optional<String> url = s.receiptUrl(tx, payment.merchantId(), payment.id());
            if (url.isPresent()) return url;
        }
        return Optional.empty();
    }
}
