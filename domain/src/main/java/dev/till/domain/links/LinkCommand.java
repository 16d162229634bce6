package dev.till.domain.links;

/** What can happen to a payment link. */
public sealed interface LinkCommand {
    /** The customer submits a card in the widget. */
    record Pay() implements LinkCommand {}

    /**
     * The link's payment was authorized (at once, or after 3-D Secure, or by the reconciler).
     *
     * @param pastExpiry the authorization landed at or after the link's {@code expires_on}, whether
     *                   or not the expiry job has come by yet
     */
    record Authorized(boolean pastExpiry) implements LinkCommand {}

    /** The link's payment was declined: the customer may try another card. */
    record Declined() implements LinkCommand {}

    /** The merchant's {@code PUT /payment-links/{id}/cancel}. */
    record Cancel() implements LinkCommand {}

    /** The expiry job found the link past {@code expires_on}. */
    record Expire() implements LinkCommand {}
}
