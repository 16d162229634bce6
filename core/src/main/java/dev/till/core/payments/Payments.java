package dev.till.core.payments;

import static dev.till.domain.payments.PaymentStatus.AUTHORIZED;
import static dev.till.domain.payments.PaymentStatus.CARD_VERIFIED;

import dev.till.core.customers.Customer;
import dev.till.core.customers.CustomerStore;
import dev.till.core.customers.Customers;
import dev.till.core.events.Events;
import dev.till.core.vault.Redeemed;
import dev.till.core.vault.StoredCard;
import dev.till.core.vault.Vault;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.payments.PaymentCommand;
import dev.till.domain.payments.PaymentMachine;
import dev.till.domain.payments.Transition;
import dev.till.processor.AuthorizationOutcome;
import dev.till.processor.AuthorizationRequest;
import dev.till.processor.Connector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card payment use cases. Writes take the caller's transaction, so another capability (orders,
 * payment links) can create or capture a payment inside its own. The connector is called inside
 * that transaction with the payment row locked; a reply that never comes leaves the payment
 * Pending for the reconciler ({@link #reconcileOnce}), never Declined. Thread-safe.
 */
public final class Payments {
    private static final Logger log = LoggerFactory.getLogger(Payments.class);
    /**
     * How long a 3-D Secure challenge waits for its cardholder. It is Checkout.com's limit, and the
     * decline that follows it ({@link #CHALLENGE_EXPIRED_CODE}) names the 15 minutes in its summary,
     * so it is a constant and not a setting.
     */
    public static final Duration CHALLENGE_TIMEOUT = Duration.ofMinutes(15);

    /** Checkout.com's response code for a challenge nobody completed in time. */
    public static final String CHALLENGE_EXPIRED_CODE = "20152";
    private static final AuthorizationOutcome.Declined CHALLENGE_EXPIRED = new AuthorizationOutcome.Declined(null,
            CHALLENGE_EXPIRED_CODE, "Initial 3DS transaction not completed within 15 minutes");
    private static final AuthorizationOutcome.Declined CHALLENGE_FAILED =
            new AuthorizationOutcome.Declined(null, "20151", "Cardholder failed 3DS authentication");

    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final Events events;
    private final Vault vault;
    private final Customers customers;
    private final Connector connector;
    private final Duration authExpiry;
    private final MoneyMoves moves;
    private final Openings openings;

    public Payments(Jdbi jdbi, Ids ids, Clock clock, Events events, Vault vault, Customers customers, Connector connector,
                    Duration authExpiry, RefundCover refundCover) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.vault = vault;
        this.customers = customers;
        this.connector = connector;
        this.authExpiry = authExpiry;
        this.moves = new MoneyMoves(ids, clock, events, connector, refundCover);
        this.openings = new Openings(this, ids, clock, events, vault, customers, connector, moves);
    }

    /** New payments' steps, for {@link PaymentGroups}. */
    Openings openings() {
        return openings;
    }

    /**
     * Creates and authorizes a payment. Returns the payment as authorized (or declined, or
     * pending); when the request asked for capture, the capture has already followed as its own
     * action, so a later read shows it Captured.
     */
    public PaymentView authorize(Handle tx, String merchantId, PaymentRequest req) {
        return authorize(tx, merchantId, ids.next("pay_"), req);
    }

    /**
     * The same, under a {@code pay_} id the caller reserved earlier: a payment link hands its
     * payment id to the merchant before the customer pays (Payer's flow). The id must be fresh.
     * The steps are those a group of concurrent requests takes together ({@link Openings}).
     */
    public PaymentView authorize(Handle tx, String merchantId, String id, PaymentRequest req) {
        return openings.openAll(tx, List.of(openings.answer(openings.prepare(tx, merchantId, id, req)))).getFirst();
    }

    /**
     * The cardholder finished (or failed) the 3-D Secure challenge. A second submit, or one after
     * the challenge expired, changes nothing and returns the payment as it is. A submit past
     * {@link #CHALLENGE_TIMEOUT} that the expiry job has not reached yet expires it as the job would.
     */
    public PaymentView completeChallenge(Handle tx, String merchantId, String challengeId, boolean passed) {
        Payment p = new PaymentStore(tx).findByChallengeForUpdate(merchantId, challengeId)
                .orElseThrow(() -> Problem.notFound("challenge", challengeId).toException());
        if (!"challenge".equals(p.awaiting())) return view(tx, p);
        if (challengeExpired(p)) return expireChallenge(tx, p);
        if (!passed) return settle(tx, p, CHALLENGE_FAILED, null);
        Redeemed card = vault.useSource(tx, merchantId, p.sourceId(), null);
        AuthorizationOutcome outcome = ask(p.id(), () -> connector.authorize(new AuthorizationRequest(p.id(), card.card(), p.amount(),
                p.currency(), p.threeDsRequested(), true)));
        return settle(tx, p, outcome, card.source());
    }

    /** The same, in a transaction of its own (the hosted page's call). */
    public PaymentView completeChallenge(String merchantId, String challengeId, boolean passed) {
        return jdbi.inTransaction(tx -> completeChallenge(tx, merchantId, challengeId, passed));
    }

    /**
     * Whether a payment's challenge has waited longer than {@link #CHALLENGE_TIMEOUT}. A challenge
     * is issued with its payment, so it is measured from {@code requested_on}.
     */
    public boolean challengeExpired(Payment p) {
        return "challenge".equals(p.awaiting()) && p.requestedOn().plus(CHALLENGE_TIMEOUT).isBefore(clock.instant());
    }

    /**
     * Ends a challenge nobody completed in time (the payment locked by the caller). The network is
     * asked first, as the reconciler asks it, so that nothing it authorized is lost: an approval
     * (a completion whose own transaction never committed) is settled as usual, capture included.
     * An answer it does not have yet hands the payment to the reconciler. Otherwise (the network
     * never authorized it, or still waits for the authentication) the payment is declined with
     * 20152 through the same path as a cancelled challenge. A declined lookup is reported as 20152
     * too: for a challenge that was never completed, "declined" is the connector's way of saying
     * it never saw an authorization (the simulator's 20068), and no money moved either way.
     */
    PaymentView expireChallenge(Handle tx, Payment p) {
        AuthorizationOutcome found = ask(p.id(), () -> connector.lookup(p.id()));
        return switch (found) {
            case AuthorizationOutcome.Approved a -> settle(tx, p, a, null);
            case AuthorizationOutcome.Unknown u -> settle(tx, p, u, null);
            case AuthorizationOutcome.Declined d -> settle(tx, p, CHALLENGE_EXPIRED, null);
            case AuthorizationOutcome.ChallengeRequired c -> settle(tx, p, CHALLENGE_EXPIRED, null);
        };
    }

    /**
     * The network's answer to an authorization or a lookup. A connector that throws (its
     * connection reset, a bug) has not said what the network did, which is what Unknown means: the
     * payment is kept Pending for the reconciler, where rolling back would lose the record of an
     * authorization the network may have made, and one failing lookup would end the
     * reconciler's round for every payment after it.
     */
    static AuthorizationOutcome ask(String paymentId, Supplier<AuthorizationOutcome> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            log.warn("the connector failed for payment {}; its outcome stays unknown until a lookup answers", paymentId, e);
            return new AuthorizationOutcome.Unknown("the connector failed: " + e);
        }
    }

    public Optional<PaymentView> challenge(String merchantId, String challengeId) {
        return jdbi.inTransaction(tx -> new PaymentStore(tx).findByChallengeForUpdate(merchantId, challengeId)
                .map(p -> view(tx, p)));
    }

    /**
     * Applies the network's answer to a Pending payment (locked by the caller). {@code card} is the
     * payment's stored card when this transaction has already read it from the database, else null.
     */
    PaymentView settle(Handle tx, Payment p, AuthorizationOutcome outcome, StoredCard card) {
        PaymentStore store = new PaymentStore(tx);
        Instant now = clock.instant();
        switch (outcome) {
            case AuthorizationOutcome.Approved a -> {
                Transition t = PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Approve(p.amount()));
                PaymentAction action = authorizationAction(p, t, a);
                Payment to = approvedRow(p, t, a, now);
                Payment approved = written(store.markApproved(p.merchantId(), p.id(), p.version(), to.status(), to.authorized(),
                        to.authCode(), to.avsCheck(), to.cvvCheck(), to.riskFlagged(), to.fundsAvailability(),
                        to.networkReference(), now, to.expiresOn(), action));
                PaymentView view = view(tx, approved, card);
                List<Events.Occurrence> occurred = new ArrayList<>(List.of(approvalEvent(view, t, action)));
                if (approved.captureRequested() && t.status() == AUTHORIZED) {
                    // Captured before the events are recorded, as when a payment is opened: what
                    // listens to the approval (an order) then sees whether the capture took.
                    MoneyMoves.Decided capture = moves.decideCapture(approved, ids.next("act_"), approved.amount(), true,
                            approved.reference(), null);
                    occurred.add(MoneyMoves.captureEvent(view, moves.write(tx, approved, capture), capture.action()));
                }
                events.record(tx, p.merchantId(), p.id(), occurred);
                return view;
            }
            case AuthorizationOutcome.Declined d -> {
                PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Decline());
                PaymentAction action = declineAction(p, d);
                Payment declined = written(store.markDeclined(p.merchantId(), p.id(), p.version(), d.responseCode(),
                        d.responseSummary(), d.networkReference(), now, action));
                PaymentView view = view(tx, declined, card);
                events.record(tx, p.merchantId(), "payment_declined", p.id(), PaymentSnapshot.of(view, action));
                return view;
            }
            case AuthorizationOutcome.ChallengeRequired c -> {
                return pending(tx, p, written(store.markAwaitingChallenge(p.merchantId(), p.id(), p.version(), ids.next("sid_"))), card);
            }
            case AuthorizationOutcome.Unknown u -> {
                Payment waiting = "network".equals(p.awaiting()) ? p : written(store.markAwaitingNetwork(p.merchantId(), p.id(), p.version()));
                return pending(tx, p, waiting, card);
            }
        }
    }

    /** The payment as the network's approval leaves it, whether it is then inserted or updated to that. */
    Payment approvedRow(Payment p, Transition t, AuthorizationOutcome.Approved a, Instant now) {
        return p.approved(t.status().wire(), t.balances().authorized(), a.authCode(), a.avsCheck(), a.cvvCheck(),
                a.riskFlagged(), a.immediateFunds() ? "immediate" : "standard", a.networkReference(), now,
                t.status() == AUTHORIZED ? now.plus(authExpiry) : null);
    }

    PaymentAction authorizationAction(Payment p, Transition t, AuthorizationOutcome.Approved a) {
        return moves.action(p, p.actionId(), t.status() == CARD_VERIFIED ? "Card Verification" : "Authorization",
                p.amount(), true, a.authCode(), "10000", "Approved", p.reference(), null);
    }

    PaymentAction declineAction(Payment p, AuthorizationOutcome.Declined d) {
        return moves.action(p, p.actionId(), p.amount() == 0 ? "Card Verification" : "Authorization", p.amount(), false,
                null, d.responseCode(), d.responseSummary(), p.reference(), null);
    }

    static Events.Occurrence approvalEvent(PaymentView view, Transition t, PaymentAction action) {
        return new Events.Occurrence(t.status() == CARD_VERIFIED ? "card_verified" : "payment_approved",
                PaymentSnapshot.of(view, action));
    }

    private PaymentView pending(Handle tx, Payment before, Payment after, StoredCard card) {
        PaymentView view = view(tx, after, card);
        // Only a new payment announces that it is pending; a retried challenge or lookup does not.
        if (before.version() == 0) events.record(tx, before.merchantId(), "payment_pending", before.id(), PaymentSnapshot.of(view, null));
        return view;
    }

    public ActionResult capture(Handle tx, String merchantId, String paymentId, Optional<Long> amount, boolean finalCapture,
                                String reference, String metadata) {
        Payment p = lock(tx, merchantId, paymentId);
        return moves.capture(tx, view(tx, p), amount.orElse(p.balances().uncaptured()), finalCapture, reference, metadata);
    }

    public ActionResult voidPayment(Handle tx, String merchantId, String paymentId, String reference, String metadata) {
        return moves.voidPayment(tx, view(tx, lock(tx, merchantId, paymentId)), reference, metadata);
    }

    public ActionResult refund(Handle tx, String merchantId, String paymentId, Optional<Long> amount, String reference,
                               String metadata) {
        Payment p = lock(tx, merchantId, paymentId);
        return moves.refund(tx, view(tx, p), amount.orElse(p.balances().refundable()), reference, metadata);
    }

    /**
     * Gives a payment's money back, whichever way it is held: an authorization is voided, what was
     * captured is refunded; a payment that holds nothing is left alone. Returns whether it still
     * holds money afterwards, which means the network declined. The release jobs of superseded
     * order attempts and of canceled payment links share it.
     */
    public boolean giveBack(Handle tx, String merchantId, String paymentId, String reference) {
        switch (payment(tx, merchantId, paymentId).state()) {
            case AUTHORIZED -> voidPayment(tx, merchantId, paymentId, reference, null);
            case PARTIALLY_CAPTURED, CAPTURED, PARTIALLY_REFUNDED -> refund(tx, merchantId, paymentId, Optional.empty(), reference, null);
            default -> { } // voided, refunded or expired already: nothing is held
        }
        return payment(tx, merchantId, paymentId).state().holdsMoney();
    }

    public PaymentView get(String merchantId, String paymentId) {
        return jdbi.inTransaction(tx -> get(tx, merchantId, paymentId));
    }

    public PaymentView get(Handle tx, String merchantId, String paymentId) {
        return view(tx, new PaymentStore(tx).find(merchantId, paymentId)
                .orElseThrow(() -> Problem.notFound("payment", paymentId).toException()));
    }

    /** Newest first. */
    public List<PaymentAction> actions(String merchantId, String paymentId) {
        return jdbi.inTransaction(tx -> {
            PaymentStore store = new PaymentStore(tx);
            store.find(merchantId, paymentId).orElseThrow(() -> Problem.notFound("payment", paymentId).toException());
            return store.actions(merchantId, paymentId);
        });
    }

    public PaymentList list(String merchantId, Optional<String> reference, int limit, int skip) {
        return jdbi.inTransaction(tx -> {
            PaymentStore store = new PaymentStore(tx);
            var rows = store.listByReference(merchantId, reference.orElse(null), limit, skip);
            return new PaymentList(store.countByReference(merchantId, reference.orElse(null)),
                    rows.stream().map(p -> view(tx, p)).toList());
        });
    }

    /**
     * The reconciler's round: asks the network about every payment whose reply never came, oldest
     * first, a page of {@value #RECONCILE_PAGE} per transaction, and returns how many it settled.
     * A payment the network still has no answer for stays for the next round. The round pages on
     * past those: when it took only the oldest page, twenty payments the network never answers for
     * kept every newer one waiting for good. At most {@value #RECONCILE_PAGES} pages a round.
     */
    public int reconcileOnce() {
        int settled = 0;
        Payment after = null;
        for (int page = 0; page < RECONCILE_PAGES; page++) {
            Payment from = after;
            ReconciledPage done = jdbi.inTransaction(tx -> reconcilePage(tx, from));
            settled += done.settled();
            if (done.last() == null) break;
            after = done.last();
        }
        return settled;
    }

    private static final int RECONCILE_PAGE = 20;
    private static final int RECONCILE_PAGES = 500;

    /** {@code last}: the page's last payment when the page was full (there may be more), else null. */
    private record ReconciledPage(int settled, Payment last) {}

    private ReconciledPage reconcilePage(Handle tx, Payment after) {
        List<Payment> page = new PaymentStore(tx).claimAwaitingNetwork(after, RECONCILE_PAGE);
        int settled = 0;
        for (Payment p : page) {
            AuthorizationOutcome outcome = ask(p.id(), () -> connector.lookup(p.id()));
            if (outcome instanceof AuthorizationOutcome.Unknown || outcome instanceof AuthorizationOutcome.ChallengeRequired) continue;
            settle(tx, p, outcome, null);
            settled++;
        }
        return new ReconciledPage(settled, page.size() < RECONCILE_PAGE ? null : page.getLast());
    }

    /** The challenge expiry job's round; every payment it claims leaves its challenge (see {@link #expireChallenge}). */
    public int expireChallengesOnce() {
        return jdbi.inTransaction(tx -> {
            List<Payment> due = new PaymentStore(tx).claimExpiredChallenges(clock.instant().minus(CHALLENGE_TIMEOUT), 20);
            for (Payment p : due) expireChallenge(tx, p);
            return due.size();
        });
    }

    /** The expiry job's round: voids authorizations nobody captured within {@code TILL_AUTH_EXPIRY}. */
    public int expireOnce() {
        return jdbi.inTransaction(tx -> {
            List<Payment> due = new PaymentStore(tx).claimExpiredAuthorizations(clock.instant(), 50);
            for (Payment p : due) moves.expire(tx, view(tx, p));
            return due.size();
        });
    }

    /**
     * Locks several payments at once (a group's captures or refunds, see PaymentGroups) and reads their cards
     * in one more statement. Each answer, in order, is the locked payment as a view, or the
     * {@link dev.till.domain.ProblemException} (404) for one the merchant does not have.
     */
    List<Object> lockAll(Handle tx, List<String> merchantIds, List<String> paymentIds) {
        List<Payment> locked = new PaymentStore(tx).findForUpdateAll(merchantIds, paymentIds);
        List<Payment> found = locked.stream().filter(p -> p != null).toList();
        Iterator<PaymentView> views = viewAll(tx, found, Collections.nCopies(found.size(), null)).iterator();
        List<Object> answers = new ArrayList<>(locked.size());
        for (int i = 0; i < locked.size(); i++) {
            answers.add(locked.get(i) == null ? Problem.notFound("payment", paymentIds.get(i)).toException() : views.next());
        }
        return answers;
    }

    /**
     * Views of several payments, the cards not {@code known} already (null there) read in one
     * statement however many.
     */
    List<PaymentView> viewAll(Handle tx, List<Payment> rows, List<StoredCard> known) {
        List<String> cardOwners = new ArrayList<>();
        List<String> cardIds = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (known.get(i) != null || rows.get(i).sourceId() == null) continue;
            cardOwners.add(rows.get(i).merchantId());
            cardIds.add(rows.get(i).sourceId());
        }
        Iterator<StoredCard> read = cardIds.isEmpty() ? Collections.emptyIterator() : vault.sources(tx, cardOwners, cardIds).iterator();
        List<PaymentView> views = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Payment p = rows.get(i);
            StoredCard card = known.get(i) != null || p.sourceId() == null ? known.get(i) : read.next();
            views.add(view(tx, p, card));
        }
        return views;
    }

    /** Captures, voids and refunds of payments the caller has locked (for PaymentGroups). */
    MoneyMoves moves() {
        return moves;
    }

    Payment lock(Handle tx, String merchantId, String paymentId) {
        return new PaymentStore(tx).findForUpdate(merchantId, paymentId)
                .orElseThrow(() -> Problem.notFound("payment", paymentId).toException());
    }

    /** The payment alone, without its card and customer: for callers that need only its state. */
    public Payment payment(Handle tx, String merchantId, String paymentId) {
        return new PaymentStore(tx).find(merchantId, paymentId)
                .orElseThrow(() -> Problem.notFound("payment", paymentId).toException());
    }

    /** {@code card}: the payment's stored card as already read from the database, or null to read it. */
    PaymentView view(Handle tx, Payment p, StoredCard card) {
        var source = p.sourceId() == null ? null : card != null ? card : vault.source(tx, p.merchantId(), p.sourceId());
        Customer customer = p.customerId() == null ? null
                : new CustomerStore(tx).find(p.merchantId(), p.customerId()).orElse(null);
        return new PaymentView(p, source, customer);
    }

    PaymentView view(Handle tx, Payment p) {
        return view(tx, p, null);
    }

    Customer resolveCustomer(Handle tx, String merchantId, CustomerRef ref) {
        if (ref == null) return null;
        if (ref.id() != null) {
            return new CustomerStore(tx).find(merchantId, ref.id()).orElseThrow(() ->
                    Problem.invalid("customer_not_found", "customer.id", "No customer " + ref.id() + ".").toException());
        }
        if (ref.email() != null) return customers.findOrCreateByEmail(tx, merchantId, ref.email(), ref.name());
        return null;
    }

    /** A guarded write that touched no row means our locked read was stale: a bug, never ignored. */
    static Payment written(Optional<Payment> row) {
        return row.orElseThrow(() -> new IllegalStateException("a guarded payment update matched no row"));
    }
}
