package dev.till.processor;

/**
 * Asks the network to reserve money on a card.
 *
 * @param paymentId          Till's payment, also the key for {@link Connector#lookup}
 * @param challengeRequested the merchant asked for 3-D Secure
 * @param authenticated      the cardholder has passed the 3-D Secure challenge
 */
public record AuthorizationRequest(String paymentId, Card card, long amount, String currency,
                                   boolean challengeRequested, boolean authenticated) {}
