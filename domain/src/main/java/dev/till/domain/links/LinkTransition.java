package dev.till.domain.links;

/**
 * The machine's answer to a command that is allowed.
 *
 * @param to                   the status afterwards
 * @param changed              whether the status changed (a new event is due)
 * @param releaseAuthorization the payment was authorized although the link no longer accepts
 *                             payments (the cancel-versus-3-D-Secure race, or expiry): void it
 * @param newAttempt           the declined payment id is spent; the link reserves a fresh one
 */
public record LinkTransition(LinkStatus to, boolean changed, boolean releaseAuthorization, boolean newAttempt) {
    static LinkTransition to(LinkStatus to) {
        return new LinkTransition(to, true, false, false);
    }

    static LinkTransition stay(LinkStatus at) {
        return new LinkTransition(at, false, false, false);
    }
}
