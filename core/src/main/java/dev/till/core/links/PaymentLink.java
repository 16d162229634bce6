package dev.till.core.links;

import dev.till.domain.links.LinkStatus;
import java.time.Instant;

/**
 * A payment link row. {@code customer}, {@code metadata} and {@code frameAncestors} are JSON text.
 * {@code attemptStartedOn} is set while {@code paymentId} is in use; {@code releaseDueOn} marks an
 * authorization that arrived after cancel or expiry and still has to be voided.
 */
public record PaymentLink(String id, String merchantId, int version, String status, String paymentId, long amount,
                          String currency, String reference, String description, String customer, String backToShopUrl,
                          boolean capture, String metadata, String frameAncestors, int attempts, Instant attemptStartedOn,
                          Instant releaseDueOn, Instant releasedOn, Instant createdOn, Instant expiresOn,
                          Instant completedOn, Instant canceledOn, Instant expiredOn) {

    public LinkStatus state() {
        return LinkStatus.fromWire(status);
    }

    public boolean attemptInProgress() {
        return attemptStartedOn != null;
    }
}
