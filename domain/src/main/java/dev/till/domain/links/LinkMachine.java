package dev.till.domain.links;

import static dev.till.domain.links.LinkStatus.ACTIVE;
import static dev.till.domain.links.LinkStatus.CANCELED;
import static dev.till.domain.links.LinkStatus.COMPLETED;
import static dev.till.domain.links.LinkStatus.EXPIRED;

import dev.till.domain.Problem;
import java.util.List;

/**
 * The payment link's rules, stated once (Payer's seed 004):
 * <ul>
 *   <li>only an active link takes a card; a decline leaves it active for another try;</li>
 *   <li>an authorization completes an active link;</li>
 *   <li>cancel works before authorization; on a canceled or expired link it changes nothing
 *       (idempotent); after authorization it is refused with 400, as Payer answers;</li>
 *   <li>an authorization that lands after cancel or expiry (the customer was inside 3-D Secure)
 *       leaves the link as it is and must be released; one that lands past {@code expires_on}
 *       before the expiry job came by expires the link itself, and is released the same way.</li>
 * </ul>
 */
public final class LinkMachine {
    private LinkMachine() {}

    public static LinkTransition apply(LinkStatus from, LinkCommand command) {
        return switch (command) {
            case LinkCommand.Pay p -> {
                if (from != ACTIVE) throw notPayable(from);
                yield LinkTransition.stay(ACTIVE);
            }
            case LinkCommand.Authorized a -> switch (from) {
                // The link was over already; only the job had not said so yet.
                case ACTIVE -> a.pastExpiry() ? new LinkTransition(EXPIRED, true, true, false) : LinkTransition.to(COMPLETED);
                case COMPLETED -> LinkTransition.stay(COMPLETED);
                case CANCELED, EXPIRED -> new LinkTransition(from, false, true, false);
            };
            case LinkCommand.Declined d -> from == ACTIVE
                    ? new LinkTransition(ACTIVE, false, false, true) : LinkTransition.stay(from);
            case LinkCommand.Cancel c -> switch (from) {
                case ACTIVE -> LinkTransition.to(CANCELED);
                case CANCELED, EXPIRED -> LinkTransition.stay(from);
                case COMPLETED -> throw new Problem(Problem.Kind.MALFORMED, List.of("payment_link_already_authorized"),
                        "The link's payment is already authorized, so the link cannot be canceled; void or refund the payment instead.",
                        null).toException();
            };
            case LinkCommand.Expire e -> from == ACTIVE ? LinkTransition.to(EXPIRED) : LinkTransition.stay(from);
        };
    }

    private static RuntimeException notPayable(LinkStatus status) {
        return Problem.notAllowed("payment_link_" + status.wire(), "The link is " + status.wire() + "; it takes no payment.")
                .toException();
    }
}
