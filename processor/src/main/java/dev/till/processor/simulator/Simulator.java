package dev.till.processor.simulator;

import dev.till.processor.ActionOutcome;
import dev.till.processor.ActionRequest;
import dev.till.processor.AuthorizationOutcome;
import dev.till.processor.AuthorizationRequest;
import dev.till.processor.CardProduct;
import dev.till.processor.Connector;
import dev.till.processor.ConnectorCapabilities;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in card network: deterministic, driven by {@link TestCards} and {@link AmountRules}.
 * Any other valid card is approved. Network references and auth codes derive from the payment id,
 * so the same request always gets the same answer.
 * <p>
 * Authorizations whose reply was "lost" are remembered in memory for {@link #lookup}, as are
 * those whose lookups it never answers; after a restart the simulator has forgotten them, which
 * looks like a network that never saw them. Thread-safe.
 */
public final class Simulator implements Connector {
    private static final String NO_REFUNDS = "simnr_";
    private static final String NO_CAPTURES_OR_VOIDS = "simnc_";
    private static final ActionOutcome.Declined BANK_DECLINE = new ActionOutcome.Declined("20046", "Bank Decline");
    private final Map<String, AuthorizationOutcome> lostReplies = new ConcurrentHashMap<>();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final Set<String> failingLookups = ConcurrentHashMap.newKeySet();

    @Override
    public ConnectorCapabilities capabilities() {
        return new ConnectorCapabilities(true, true, true, true, true);
    }

    @Override
    public Optional<CardProduct> describe(String cardNumber) {
        return TestCards.product(cardNumber);
    }

    @Override
    public AuthorizationOutcome authorize(AuthorizationRequest r) {
        Behaviour behaviour = TestCards.behaviourOf(r.card().number());
        boolean challenges = switch (behaviour) {
            case THREE_DS_REQUIRED, THREE_DS_UNANSWERED, THREE_DS_APPROVED_UNHEARD, THREE_DS_REFUND_DECLINED -> true;
            default -> false;
        };
        if ((r.challengeRequested() || challenges) && !r.authenticated()) {
            if (behaviour == Behaviour.THREE_DS_UNANSWERED) unanswered.add(r.paymentId());
            // As if the completion reached the network but its answer never reached Till.
            if (behaviour == Behaviour.THREE_DS_APPROVED_UNHEARD) lostReplies.put(r.paymentId(), decide(r, behaviour));
            return new AuthorizationOutcome.ChallengeRequired();
        }
        // Completed: Till hears the answer itself from now on.
        if (behaviour == Behaviour.THREE_DS_UNANSWERED) unanswered.remove(r.paymentId());
        if (behaviour == Behaviour.THREE_DS_APPROVED_UNHEARD) lostReplies.remove(r.paymentId());
        AuthorizationOutcome decided = decide(r, behaviour);
        switch (behaviour) {
            case TIMEOUT_APPROVED, TIMEOUT_APPROVED_REFUND_DECLINED -> {
                lostReplies.put(r.paymentId(), decided);
                return new AuthorizationOutcome.Unknown("the network did not answer in time");
            }
            case TIMEOUT_LOST -> {
                return new AuthorizationOutcome.Unknown("the network did not answer in time");
            }
            case CONNECTION_RESET -> {
                // A connector whose transport fails throws instead of answering Unknown.
                lostReplies.put(r.paymentId(), decided);
                failingLookups.add(r.paymentId());
                throw connectionReset();
            }
            case TIMEOUT_UNANSWERED -> {
                unanswered.add(r.paymentId());
                return new AuthorizationOutcome.Unknown("the network did not answer in time");
            }
            case SLOW -> pause();
            default -> { }
        }
        return decided;
    }

    private AuthorizationOutcome decide(AuthorizationRequest r, Behaviour behaviour) {
        // The cards that decline later actions are remembered in their network reference, so no state is needed.
        String prefix = switch (behaviour) {
            case REFUND_DECLINED, TIMEOUT_APPROVED_REFUND_DECLINED, THREE_DS_REFUND_DECLINED -> NO_REFUNDS;
            case CAPTURE_AND_VOID_DECLINED -> NO_CAPTURES_OR_VOIDS;
            default -> "sim_";
        };
        String reference = prefix + r.paymentId().substring(4);
        var decline = AmountRules.declineFor(r.amount(), r.currency());
        if (decline.isPresent()) return new AuthorizationOutcome.Declined(reference, decline.get().responseCode(), decline.get().summary());
        String authCode = Integer.toString(100_000 + Math.floorMod(r.paymentId().hashCode(), 900_000));
        return new AuthorizationOutcome.Approved(reference, authCode,
                behaviour == Behaviour.AVS_FAIL ? "N" : "S",
                r.card().cvv() == null ? "" : behaviour == Behaviour.CVV_FAIL ? "N" : "Y",
                behaviour == Behaviour.RISK_FLAGGED, behaviour == Behaviour.IMMEDIATE_FUNDS);
    }

    @Override
    public AuthorizationOutcome lookup(String paymentId) {
        if (unanswered.contains(paymentId)) return new AuthorizationOutcome.Unknown("the network did not answer the lookup");
        if (failingLookups.remove(paymentId)) throw connectionReset();
        AuthorizationOutcome found = lostReplies.remove(paymentId);
        if (found == null) return new AuthorizationOutcome.Declined(reference(paymentId), "20068", "Response received too late / timeout");
        return found;
    }

    @Override
    public ActionOutcome capture(ActionRequest r) {
        return answer(r, NO_CAPTURES_OR_VOIDS);
    }

    @Override
    public ActionOutcome voidAuthorization(ActionRequest r) {
        return answer(r, NO_CAPTURES_OR_VOIDS);
    }

    @Override
    public ActionOutcome refund(ActionRequest r) {
        return answer(r, NO_REFUNDS);
    }

    /** Declined when the payment's network reference carries the prefix of a card that declines this action. */
    private static ActionOutcome answer(ActionRequest r, String declinedPrefix) {
        if (r.networkReference() != null && r.networkReference().startsWith(declinedPrefix)) return BANK_DECLINE;
        return new ActionOutcome.Approved(r.networkReference());
    }

    private static UncheckedIOException connectionReset() {
        return new UncheckedIOException(new SocketException("Connection reset (simulated)"));
    }

    private static String reference(String paymentId) {
        return "sim_" + paymentId.substring(4);
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
