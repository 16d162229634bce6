package dev.till.core.payments;

import static dev.till.domain.payments.PaymentStatus.AUTHORIZED;

import dev.till.core.customers.Customer;
import dev.till.core.customers.Customers;
import dev.till.core.events.Events;
import dev.till.core.vault.Redeemed;
import dev.till.core.vault.StoredCard;
import dev.till.core.vault.Vault;
import dev.till.domain.Ids;
import dev.till.domain.Money;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.domain.payments.PaymentCommand;
import dev.till.domain.payments.PaymentMachine;
import dev.till.domain.payments.Transition;
import dev.till.processor.AuthorizationOutcome;
import dev.till.processor.AuthorizationRequest;
import dev.till.processor.Connector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * New payments, in three steps, so that concurrent requests can share the last one (see
 * {@link PaymentGroups}): {@link #prepare} reads the card and customer and refuses a bad
 * request, {@link #answer} asks the network, and {@link #openAll} writes the payments as the
 * answers left them, with their actions, in one statement, and records their events in another. A
 * payment on its own takes the same three steps ({@link Payments#authorize}). Thread-safe.
 */
final class Openings {
    private final Payments payments;
    private final Ids ids;
    private final Clock clock;
    private final Events events;
    private final Vault vault;
    private final Customers customers;
    private final Connector connector;
    private final MoneyMoves moves;

    Openings(Payments payments, Ids ids, Clock clock, Events events, Vault vault, Customers customers, Connector connector,
             MoneyMoves moves) {
        this.payments = payments;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.vault = vault;
        this.customers = customers;
        this.connector = connector;
        this.moves = moves;
    }

    /**
     * A request with its card and customer resolved: the payment as requested (Pending, version 0)
     * and the card to send the network. {@code storedCard} is the card as the database shows it, or
     * null when this request has just stored it from raw card details (the view then reads it back
     * once). {@code captureActionId} is the id its capture is to have, null when it asks for none.
     */
    record Prepared(Payment requested, Redeemed card, StoredCard storedCard, String captureActionId) {}

    /**
     * A new payment as the network's answer leaves it, not yet written: its row and actions, how it
     * is shown in its events and answer ({@code shown}, from the row as written) and those events.
     */
    record Answered(Payment row, List<PaymentAction> actions, StoredCard storedCard, UnaryOperator<Payment> shown,
                    BiFunction<PaymentView, Payment, List<Events.Occurrence>> announced) {}

    /**
     * A new payment's request: the payment id it is to have, the ids of its actions, and what was
     * asked.
     */
    record Opening(String merchantId, String id, ActionIds actionIds, PaymentRequest request) {}

    /**
     * The ids a new payment's actions are to have: its authorization's, and its capture's when it
     * asks to be captured at once (null otherwise). They are minted with the payment's id, before
     * anything is written, so that a group run again (see PaymentGroups) asks the network to
     * capture under the action id it asked with the first time.
     */
    record ActionIds(String authorization, String capture) {
        static ActionIds mint(Ids ids, PaymentRequest req) {
            return new ActionIds(ids.next("act_"), req.capture() ? ids.next("act_") : null);
        }
    }

    /**
     * Everything before the network: the amount's ceiling, the customer, the card (a token is used
     * up, raw card details are stored). A refusal ({@link ProblemException}) is thrown from here and
     * only from here, before the network is asked; it has written nothing unless the request names a
     * customer or raw card details (see {@link #prepareAll}).
     */
    Prepared prepare(Handle tx, String merchantId, String id, PaymentRequest req) {
        Object prepared = prepareAll(tx, List.of(new Opening(merchantId, id, ActionIds.mint(ids, req), req))).getFirst();
        if (prepared instanceof ProblemException refused) throw refused;
        return (Prepared) prepared;
    }

    /**
     * {@link #prepare} for several requests (a group's): their stored cards read in one statement,
     * their tokens used in two. Each answer, in order, is the request {@link Prepared}, or the
     * {@link ProblemException} that refuses it. A request refused here has written nothing unless
     * it names a customer or raw card details, which are written before the card's checks
     * ({@link PaymentGroups} never groups those).
     */
    List<Object> prepareAll(Handle tx, List<Opening> openings) {
        List<Object> outcomes = new ArrayList<>(Collections.nCopies(openings.size(), null));
        List<Customer> customerOf = new ArrayList<>(Collections.nCopies(openings.size(), null));
        List<Vault.SourceUse> sourceUses = new ArrayList<>();
        List<Integer> sourceUsedBy = new ArrayList<>();
        List<Vault.TokenUse> tokenUses = new ArrayList<>();
        List<Integer> tokenUsedBy = new ArrayList<>();
        for (int i = 0; i < openings.size(); i++) {
            Opening o = openings.get(i);
            try {
                // Each channel checks its amounts on the way in; this guards the network from an order
                // or link stored before that check, whose money the ledger could not post once moved.
                if (o.request().amount() > Money.MAX_MINOR) {
                    throw Problem.invalid("amount_invalid", "amount", "The amount may be at most " + Money.MAX_MINOR
                            + " minor units.").toException();
                }
                Customer customer = payments.resolveCustomer(tx, o.merchantId(), o.request().customer());
                customerOf.set(i, customer);
                switch (o.request().source()) {
                    case PaymentSource.Stored s -> {
                        sourceUses.add(new Vault.SourceUse(o.merchantId(), s.id(), s.cvv()));
                        sourceUsedBy.add(i);
                    }
                    case PaymentSource.Token t -> {
                        tokenUses.add(new Vault.TokenUse(o.merchantId(), t.token(), customer == null ? null : customer.id()));
                        tokenUsedBy.add(i);
                    }
                    case PaymentSource.NewCard c -> {} // stored by prepared, once its checks pass
                }
            } catch (ProblemException refused) {
                outcomes.set(i, refused);
            }
        }
        List<Object> stored = sourceUses.isEmpty() ? List.of() : vault.useSources(tx, sourceUses);
        for (int j = 0; j < stored.size(); j++) outcomes.set(sourceUsedBy.get(j), stored.get(j));
        List<Object> redeemed = tokenUses.isEmpty() ? List.of() : vault.redeemTokens(tx, tokenUses);
        for (int j = 0; j < redeemed.size(); j++) outcomes.set(tokenUsedBy.get(j), redeemed.get(j));
        for (int i = 0; i < openings.size(); i++) {
            if (outcomes.get(i) instanceof ProblemException) continue;
            try {
                outcomes.set(i, prepared(tx, openings.get(i), customerOf.get(i), (Redeemed) outcomes.get(i)));
            } catch (ProblemException refused) {
                outcomes.set(i, refused);
            }
        }
        return outcomes;
    }

    /** One request once its customer is known; {@code used} is its stored card or token, already used, or null for raw card details. */
    private Prepared prepared(Handle tx, Opening o, Customer customer, Redeemed used) {
        String merchantId = o.merchantId();
        PaymentRequest req = o.request();
        String customerId = customer == null ? null : customer.id();
        Redeemed card = req.source() instanceof PaymentSource.NewCard c ? vault.storeCard(tx, merchantId, customerId, c.card()) : used;
        if (customer != null && customer.defaultSourceId() == null && !(req.source() instanceof PaymentSource.Stored)) {
            customers.setDefaultSource(tx, merchantId, customerId, card.source().id());
        }
        Payment requested = new Payment(o.id(), merchantId, 0, "Pending", req.amount(), req.currency().code(), 0, 0, 0, 0,
                o.actionIds().authorization(), card.source().id(), customerId, req.reference(), req.description(),
                req.paymentType(), req.capture(), req.threeDs(), null, req.successUrl(), req.failureUrl(), req.metadata(), null,
                null, null, null, null, null, false, null, null, "network", clock.instant(), null, null, req.paysFor());
        // A card just stored from raw details is re-read once for the view: jsonb normalises its
        // billing address and phone. A token's card is shown as stored: its columns were copied from
        // the token's row as read, already normalised (its created_on, never shown, is not re-read).
        boolean asStored = req.source() instanceof PaymentSource.Stored || req.source() instanceof PaymentSource.Token;
        return new Prepared(requested, card, asStored ? card.source() : null, o.actionIds().capture());
    }

    /**
     * Asks the network, and decides what its answer makes of the payment. An approval that asked
     * for capture is captured at the network here, before the write, and its row is written
     * captured; its {@code payment_approved} event still shows it as it stood in between. Nothing
     * here touches the database.
     */
    Answered answer(Prepared prepared) {
        Payment requested = prepared.requested();
        String id = requested.id();
        Redeemed card = prepared.card();
        AuthorizationOutcome outcome = Payments.ask(id, () -> connector.authorize(new AuthorizationRequest(id, card.card(),
                requested.amount(), requested.currency(), requested.threeDsRequested(), false)));
        StoredCard stored = prepared.storedCard();
        Instant now = clock.instant();
        return switch (outcome) {
            case AuthorizationOutcome.Approved a -> {
                Transition t = PaymentMachine.apply(requested.state(), requested.balances(), new PaymentCommand.Approve(requested.amount()));
                PaymentAction authorization = payments.authorizationAction(requested, t, a);
                Payment approved = payments.approvedRow(requested, t, a, now);
                if (!approved.captureRequested() || t.status() != AUTHORIZED) {
                    yield new Answered(approved, List.of(authorization), stored, UnaryOperator.identity(),
                            (view, written) -> List.of(Payments.approvalEvent(view, t, authorization)));
                }
                MoneyMoves.Decided capture = moves.decideCapture(approved, prepared.captureActionId(), approved.amount(), true,
                        approved.reference(), null);
                // Both events in one statement: nothing that listens to the approval acts on its capture.
                yield new Answered(capture.applyTo(approved), List.of(authorization, capture.action()), stored,
                        written -> written.withState(approved.version(), approved.status(), approved.balances()),
                        (view, written) -> List.of(Payments.approvalEvent(view, t, authorization),
                                MoneyMoves.captureEvent(view, written, capture.action())));
            }
            case AuthorizationOutcome.Declined d -> {
                PaymentMachine.apply(requested.state(), requested.balances(), new PaymentCommand.Decline());
                PaymentAction action = payments.declineAction(requested, d);
                yield new Answered(requested.declined(d.responseCode(), d.responseSummary(), d.networkReference(), now),
                        List.of(action), stored, UnaryOperator.identity(),
                        (view, written) -> List.of(new Events.Occurrence("payment_declined", PaymentSnapshot.of(view, action))));
            }
            case AuthorizationOutcome.ChallengeRequired c -> pending(requested.awaitingChallenge(ids.next("sid_")), stored);
            case AuthorizationOutcome.Unknown u -> pending(requested, stored);
        };
    }

    /** A new payment that waits (for its cardholder or for the network) announces that it is pending. */
    private static Answered pending(Payment row, StoredCard stored) {
        return new Answered(row, List.of(), stored, UnaryOperator.identity(),
                (view, written) -> List.of(new Events.Occurrence("payment_pending", PaymentSnapshot.of(view, null))));
    }

    /**
     * Writes answered payments: every row with its actions in one statement, then every event in
     * another (the listeners, such as the ledger's postings, run there). Returns each payment as
     * its answer shows it, in the order given.
     */
    List<PaymentView> openAll(Handle tx, List<Answered> answered) {
        Opened opened = writeAll(tx, answered);
        events.recordAll(tx, opened.events());
        return opened.views();
    }

    /** Payments as written, shown as their answers show them, and the events still to record for them. */
    record Opened(List<PaymentView> views, List<Events.Batch> events) {}

    /**
     * {@link #openAll} without recording the events, for a caller that records them with others'
     * (a group's captures, see PaymentGroups).
     */
    Opened writeAll(Handle tx, List<Answered> answered) {
        List<Payment> rows = new ArrayList<>(answered.size());
        List<List<PaymentAction>> actions = new ArrayList<>(answered.size());
        for (Answered a : answered) {
            rows.add(a.row());
            actions.add(a.actions());
        }
        List<Payment> written = new PaymentStore(tx).insertAll(rows, actions);
        List<Payment> shown = new ArrayList<>(answered.size());
        for (int i = 0; i < answered.size(); i++) shown.add(answered.get(i).shown().apply(written.get(i)));
        // Cards stored by these requests from raw card details are re-read, all in one statement.
        List<PaymentView> views = payments.viewAll(tx, shown, answered.stream().map(Answered::storedCard).toList());
        List<Events.Batch> batches = new ArrayList<>(answered.size());
        for (int i = 0; i < answered.size(); i++) {
            Payment row = written.get(i);
            batches.add(new Events.Batch(row.merchantId(), row.id(), answered.get(i).announced().apply(views.get(i), row)));
        }
        return new Opened(views, batches);
    }
}
