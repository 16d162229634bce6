package dev.till.core.events;

import java.time.Instant;
import java.util.List;

/**
 * Sends webhook deliveries the moment their events commit, so that they need not wait to be
 * claimed from the table (the webhook worker implements it; see {@code docs/webhooks.md}).
 * <p>
 * The table stays the source of truth: a delivery handed over is also a row, recorded already
 * leased to this node, so no other claim can take it while it is sent. If the node dies before
 * the attempt is recorded, the lease lapses and the delivery is claimed like any other: at least
 * once, as before. Only what committed is handed over; a rollback hands over nothing.
 */
public interface Courier {

    /**
     * The lease to record fresh deliveries under, or null when this node has no room for more (they
     * are then left unleased, for the claim). Endpoints in {@code busy} have no free slot on this
     * node; their deliveries are left for the claim too.
     */
    Lease lease(Instant now);

    /** Deliveries recorded under a lease, once their transaction has committed. */
    void committed(List<FreshDelivery> deliveries);

    record Lease(String token, Instant until, List<String> busy) {}

    /** A delivery just recorded under a lease, with what sending it needs. */
    record FreshDelivery(String merchantId, String eventId, String eventType, Instant eventCreatedOn, String data,
                         String endpointId, String url, String headers, byte[] secret, byte[] previousSecret,
                         Instant previousSecretExpiresOn, Instant leaseUntil, String token) {}
}
