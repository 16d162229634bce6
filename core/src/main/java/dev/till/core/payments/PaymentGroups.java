package dev.till.core.payments;

import dev.till.core.events.Events;
import dev.till.core.idempotency.Idempotency;
import dev.till.core.idempotency.StoredResponse;
import dev.till.core.storage.GroupQueue;
import dev.till.domain.Ids;
import dev.till.domain.ProblemException;
import dev.till.domain.payments.Transition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the payments API's busiest writes: new payments ({@code POST /payments}),
 * captures ({@code POST /payments/{id}/captures}) and refunds ({@code POST /payments/{id}/refunds}).
 * A request waits in a queue; a writer takes every request waiting (up to {@value #MAX_GROUP}) and
 * writes them as one group, in one transaction: their idempotency keys are locked in one statement
 * and looked up in another; the new payments' stored cards are read, and the captured or refunded
 * payments locked, a statement each (tokens are used in two: taken, and their cards stored); the
 * refunds are checked against their merchants' balances together ({@link RefundCover}); the network
 * answers each request; then all new payments are written in one statement, all captures and
 * refunds in another, every event and delivery in a third, the ledger's postings in a few more
 * (after the merchants' pricing) and the idempotency records in one.
 * PostgreSQL pays its costs per statement and per commit once per group instead of once per
 * request (docs/hot-path.md, sessions 18 and 20). When the writers are idle a request is a group of
 * one, so it waits for nobody. Refunds have a queue and a writer of their own ({@link #refund}).
 * <p>
 * What a request gets is exactly what it would get alone: the same rows, events, postings and
 * answer, or the same refusal. A request the group refuses (a used token, a key in use, a payment
 * that cannot be captured or refunded, a refund its merchant cannot pay for) is refused before it
 * writes anything, and the others go on. The one difference: a refund covered by the balance check
 * and then declined by the network has counted against the group's later refunds of its merchant,
 * as if it had been asked first (conservative, never short). A second capture or refund of a
 * payment already in the group waits for the group to commit and then runs alone, as it would have
 * waited for the first's row lock. A connector that fails one request's capture or refund fails
 * that request alone (a new payment's auto-capture too; a token it used stays used, where alone it
 * would have been rolled back). When a statement of the group fails (a bug, a deadlock), the
 * transaction is rolled back and each request is run again alone, under the ids minted when it
 * arrived: a new payment keeps its payment id, so it is never authorized under two ids, and a
 * capture (a new payment's own too) its action id, so it is never captured under two. The
 * connector must answer a repeated authorization of one payment id, or capture of one action id,
 * as it answered the first (the simulator decides from the payment and the card). A group of
 * refunds that fails once the network has answered is not run again (see {@link #run}); nor is a
 * failed COMMIT: whether it took effect is unknown. In both cases every request of the group gets
 * the failure, as a request alone would. A refund of an order's or a link's payment runs alone
 * after its group.
 * <p>
 * Only new payments that write nothing before they can be refused are grouped: a stored card or a
 * token, without a customer to find or create. Any other request runs on its caller's thread in a
 * transaction of its own, as before. Thread-safe.
 */
public final class PaymentGroups implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PaymentGroups.class);
    /** Larger groups save little more per payment (docs/hot-path.md) and make each wait longer. */
    static final int MAX_GROUP = 32;

    private final Jdbi jdbi;
    private final Ids ids;
    private final Idempotency idempotency;
    private final Payments payments;
    private final Openings openings;
    private final Events events;
    /** New payments and captures, for the payment writers. */
    private final GroupQueue<Job> queue;
    /** Refunds, for the one refund writer: see {@link #refund}. */
    private final GroupQueue<Job> refundQueue;
    private final ExecutorService network = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong groupsWritten = new AtomicLong();
    private final AtomicLong requestsWritten = new AtomicLong();

    /**
     * @param jdbi    the writers' own connections (Database#genericPlanned), at least one per writer
     *                and one for the refund writer
     * @param writers how many groups of new payments and captures may be written at once, each in a
     *                transaction of its own
     */
    public PaymentGroups(Jdbi jdbi, Ids ids, Idempotency idempotency, Payments payments, Events events, int writers) {
        if (writers < 1) throw new IllegalArgumentException("a payment group needs at least one writer, not " + writers);
        this.jdbi = jdbi;
        this.ids = ids;
        this.idempotency = idempotency;
        this.payments = payments;
        this.openings = payments.openings();
        this.events = events;
        this.queue = new GroupQueue<>("payment-group-writer", writers, MAX_GROUP, this::run, Job::answer);
        this.refundQueue = new GroupQueue<>("refund-group-writer", 1, MAX_GROUP, this::run, Job::answer);
    }

    /** A request a group can write. Its {@code render} makes its answer inside the transaction: the idempotency record keeps the answer's bytes. */
    public sealed interface Request {
        Optional<Idempotency.Key> key();

        String merchantId();
    }

    /** A new payment to authorize; {@code render} makes the answer from the payment as written. */
    public record Authorize(Optional<Idempotency.Key> key, String merchantId, PaymentRequest payment,
                            Function<PaymentView, StoredResponse> render) implements Request {}

    /**
     * A rule for a capture's or refund's amount that depends on its payment's currency: it throws a
     * {@link ProblemException} to refuse the request, once the group has read the payment.
     */
    public interface AmountRule {
        void check(String currency);
    }

    /**
     * A capture of a payment ({@code amount} empty: what is left to capture); {@code render}
     * makes the answer from the capture's result, in the group's transaction.
     */
    public record Capture(Optional<Idempotency.Key> key, String merchantId, String paymentId, Optional<Long> amount,
                          AmountRule amountRule, boolean finalCapture, String reference, String metadata,
                          BiFunction<Handle, ActionResult, StoredResponse> render) implements Request {}

    /**
     * A refund of a payment ({@code amount} empty: what is left to refund); {@code render} makes
     * the answer from the refund's result, in the group's transaction.
     */
    public record Refund(Optional<Idempotency.Key> key, String merchantId, String paymentId, Optional<Long> amount,
                         AmountRule amountRule, String reference, String metadata,
                         BiFunction<Handle, ActionResult, StoredResponse> render) implements Request {}

    /**
     * A request in the queue, with the ids minted for it when it arrived: a new payment's id and
     * its actions' ids, or a capture's action id ({@code actionIds.capture()}; none for a refund).
     * A rerun of its group uses them again: what the network is asked twice, it is asked under
     * one id. A capture also keeps the amount its first try decided ({@code captureAsked}), since
     * one action id must never ask for two amounts (see {@link #decide(Job, PaymentView)}).
     */
    private record Job(Request request, String paymentId, Openings.ActionIds actionIds, AtomicLong captureAsked,
                       CompletableFuture<StoredResponse> answer) {
        /** {@code captureAsked} before a capture's amount is decided; a new payment or a refund has none. */
        static final long NOT_ASKED = -1;
    }

    /**
     * What a job waits for: its answer, its refusal, or a turn alone after the group (a second
     * capture or refund of one payment, a refund of an order's or a link's payment).
     */
    private static final Object LATER = new Object();

    /**
     * Authorizes one payment, in a group with whatever requests arrive meanwhile, and returns its
     * answer (a replay when its key was used before). A refusal is thrown, as by
     * {@link Idempotency#run}.
     */
    public StoredResponse authorize(Authorize r) {
        if (!groupable(r.payment())) {
            return idempotency.run(r.key(), tx -> r.render().apply(payments.authorize(tx, r.merchantId(), r.payment())));
        }
        return await(new Job(r, ids.next("pay_"), Openings.ActionIds.mint(ids, r.payment()), null, new CompletableFuture<>()),
                queue);
    }

    /** Captures a payment, in a group with whatever requests arrive meanwhile; as {@link #authorize}. */
    public StoredResponse capture(Capture r) {
        return await(new Job(r, r.paymentId(), new Openings.ActionIds(null, ids.next("act_")), new AtomicLong(Job.NOT_ASKED),
                new CompletableFuture<>()), queue);
    }

    /**
     * Refunds a payment, in a group with whatever refunds arrive meanwhile; as {@link #authorize}.
     * Refunds have a writer of their own: a group of them holds its merchants' balance locks from
     * its balance check to its commit (see {@link RefundCover}), which new payments and captures
     * must not wait for, and a second writer would only wait for the first on the same merchant.
     * The group checks each merchant's balance once for all its refunds, and posts them in one
     * statement: one merchant's refunds no longer take turns one by one (docs/hot-path.md,
     * session 20).
     */
    public StoredResponse refund(Refund r) {
        return await(new Job(r, r.paymentId(), null, null, new CompletableFuture<>()), refundQueue);
    }

    private StoredResponse await(Job job, GroupQueue<Job> lane) {
        lane.add(job);
        return GroupQueue.result(job.answer(), "while the payment was written");
    }

    /**
     * Whether a request writes nothing before it can be refused, so that its refusal leaves the
     * rest of its group untouched: a customer is found or created, and raw card details stored,
     * before the checks that follow them.
     */
    static boolean groupable(PaymentRequest r) {
        return r.customer() == null && (r.source() instanceof PaymentSource.Stored || r.source() instanceof PaymentSource.Token);
    }

    /** Requests waiting for a writer right now (for the metrics). */
    public int waiting() {
        return queue.waiting() + refundQueue.waiting();
    }

    /** Groups written since start, and the requests in them (for the metrics). */
    public long groupsWritten() {
        return groupsWritten.get();
    }

    public long requestsWritten() {
        return requestsWritten.get();
    }

    /** What a group's transaction has done so far that a failure must take into account. */
    private static final class Attempt {
        /** The network was asked for a refund: no request of the group may be run again (see {@link #run}). */
        boolean refundsAsked;
    }

    /**
     * Writes a group, or, when one of its statements fails, each of its requests alone. A group
     * that has asked the network for refunds is not run again: a rerun would ask again, and a
     * refund the network made twice gives the cardholder the money twice, which nothing takes back.
     * Its requests fail as a refund alone fails after the network answered: the money may have
     * moved at the network with nothing of it on record here, the gap a refund alone always had.
     * Refunds that a listener would lock another row for (an order's, a link's payments) are
     * therefore never in a group of several (see {@link #cover}).
     */
    private void run(List<Job> group) {
        Attempt attempt = new Attempt();
        GroupQueue.Written<List<Object>> written = GroupQueue.inTransaction(jdbi, group, Job::answer, tx -> write(tx, group, attempt));
        if (written == null) return; // a failed COMMIT: every request of the group has its failure
        if (!written.committed()) {
            RuntimeException failed = written.rolledBack();
            if (group.size() == 1) {
                group.getFirst().answer().completeExceptionally(failed);
                return;
            }
            if (attempt.refundsAsked) {
                log.error("a group of {} refunds failed after the network answered; none is run again", group.size(),
                        failed);
                for (Job j : group) j.answer().completeExceptionally(failed);
                return;
            }
            log.warn("a group of {} payment requests failed as a whole; each is run again alone", group.size(), failed);
            for (Job j : group) run(List.of(j));
            return;
        }
        groupsWritten.incrementAndGet();
        requestsWritten.addAndGet(group.size());
        List<Object> outcomes = written.result();
        List<Job> later = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Object outcome = outcomes.get(i);
            Job job = group.get(i);
            if (outcome == LATER) later.add(job);
            else if (outcome instanceof StoredResponse response) job.answer().complete(response);
            else job.answer().completeExceptionally((RuntimeException) outcome);
        }
        // The group's answers go out first; the requests that wait for a turn alone run after them.
        for (Job job : later) run(List.of(job));
    }

    /** The new payments of a group that go on past their checks, each with its place in the group. */
    private record Opening(int place, Openings.Prepared prepared) {}

    /** The captures and refunds of a group that go on past their checks, each with its place and, once the network answered, its decision. */
    private record Moving(int place, PaymentView before, MoneyMoves.Decided decided) {}

    /** A refund the state machine allowed, of {@code amount}, to be covered and then asked of the network. */
    private record Refunding(int place, PaymentView before, long amount, Transition allowed) {}

    /**
     * One group's transaction. Returns each job's outcome, in order: its answer, its refusal or its
     * connector's failure, or {@link #LATER}. Any other failure is thrown, and rolls the whole group
     * back.
     */
    private List<Object> write(Handle tx, List<Job> group, Attempt attempt) {
        List<Object> outcomes = new ArrayList<>(Collections.nCopies(group.size(), null));
        List<Idempotency.Check> checks = idempotency.checkAll(tx, group.stream().map(j -> j.request().key()).toList());
        List<Integer> toOpen = new ArrayList<>();
        List<Integer> toMove = new ArrayList<>();
        Set<List<String>> moved = new HashSet<>();
        for (int i = 0; i < group.size(); i++) {
            Job job = group.get(i);
            switch (checks.get(i)) {
                case Idempotency.Check.Answered a -> outcomes.set(i, a.response());
                case Idempotency.Check.Refused r -> outcomes.set(i, r.refusal());
                case Idempotency.Check.Proceed p -> {
                    if (job.request() instanceof Authorize) toOpen.add(i);
                    else if (moved.add(List.of(job.request().merchantId(), job.paymentId()))) toMove.add(i);
                    else outcomes.set(i, LATER);
                }
            }
        }
        List<Opening> opening = prepare(tx, group, toOpen, outcomes);
        List<Moving> capturing = new ArrayList<>();
        List<Moving> lockedRefunds = new ArrayList<>();
        for (Moving m : lock(tx, group, toMove, outcomes)) {
            (group.get(m.place()).request() instanceof Capture ? capturing : lockedRefunds).add(m);
        }
        List<Refunding> refunding = cover(tx, group, lockedRefunds, outcomes);
        if (opening.isEmpty() && capturing.isEmpty() && refunding.isEmpty()) return outcomes;

        // The network, side by side: a slow answer holds the group up once, not once per request.
        List<Supplier<Object>> asks = new ArrayList<>();
        for (Opening o : opening) asks.add(() -> networkAnswer(o.prepared()));
        for (Moving c : capturing) asks.add(() -> decide(group.get(c.place()), c.before()));
        for (Refunding r : refunding) asks.add(() -> decide(group.get(r.place()), r));
        attempt.refundsAsked = !refunding.isEmpty();
        List<Object> answers = ask(asks);

        List<Openings.Answered> answered = new ArrayList<>();
        List<Integer> answeredPlaces = new ArrayList<>();
        for (int j = 0; j < opening.size(); j++) {
            if (answers.get(j) instanceof Openings.Answered a) {
                answered.add(a);
                answeredPlaces.add(opening.get(j).place());
            } else {
                outcomes.set(opening.get(j).place(), answers.get(j)); // the connector failed its auto-capture
            }
        }
        List<Moving> asked = new ArrayList<>(capturing); // in the order of their asks
        for (Refunding r : refunding) asked.add(new Moving(r.place(), r.before(), null));
        List<Moving> deciding = new ArrayList<>();
        for (int j = 0; j < asked.size(); j++) {
            Moving m = asked.get(j);
            Object decided = answers.get(opening.size() + j);
            if (decided instanceof MoneyMoves.Decided d) deciding.add(new Moving(m.place(), m.before(), d));
            else outcomes.set(m.place(), decided); // refused by the state machine, or the connector failed
        }

        Openings.Opened opened = answered.isEmpty() ? new Openings.Opened(List.of(), List.of()) : openings.writeAll(tx, answered);
        List<Payment> after = deciding.isEmpty() ? List.of() : payments.moves().writeMoves(tx,
                deciding.stream().map(m -> m.before().payment()).toList(), deciding.stream().map(Moving::decided).toList());
        List<Events.Batch> batches = new ArrayList<>(opened.events());
        List<ActionResult> results = new ArrayList<>();
        for (int j = 0; j < deciding.size(); j++) {
            Moving m = deciding.get(j);
            PaymentAction action = m.decided().action();
            PaymentView view = new PaymentView(after.get(j), m.before().source(), m.before().customer());
            Events.Occurrence event = group.get(m.place()).request() instanceof Capture
                    ? MoneyMoves.captureEvent(m.before(), after.get(j), action)
                    : MoneyMoves.refundEvent(m.before(), after.get(j), action);
            batches.add(new Events.Batch(view.payment().merchantId(), view.payment().id(), List.of(event)));
            results.add(new ActionResult(action.id(), action.reference(), action.approved(), view));
        }
        events.recordAll(tx, batches);

        List<Idempotency.Key> keys = new ArrayList<>();
        List<StoredResponse> keyed = new ArrayList<>();
        for (int j = 0; j < answeredPlaces.size(); j++) {
            int place = answeredPlaces.get(j);
            answer(group.get(place), ((Authorize) group.get(place).request()).render().apply(opened.views().get(j)), place,
                    outcomes, keys, keyed);
        }
        for (int j = 0; j < deciding.size(); j++) {
            int place = deciding.get(j).place();
            var render = switch (group.get(place).request()) {
                case Capture c -> c.render();
                case Refund r -> r.render();
                case Authorize a -> throw new IllegalStateException("a new payment is not a capture or refund");
            };
            answer(group.get(place), render.apply(tx, results.get(j)), place, outcomes, keys, keyed);
        }
        idempotency.saveAll(tx, keys, keyed);
        return outcomes;
    }

    private static void answer(Job job, StoredResponse response, int place, List<Object> outcomes, List<Idempotency.Key> keys,
                               List<StoredResponse> keyed) {
        outcomes.set(place, response);
        job.request().key().ifPresent(k -> {
            keys.add(k);
            keyed.add(response);
        });
    }

    /** The new payments' cards, read (tokens used up) in a statement or two per kind however many; a refusal is its job's outcome. */
    private List<Opening> prepare(Handle tx, List<Job> group, List<Integer> places, List<Object> outcomes) {
        if (places.isEmpty()) return List.of();
        List<Openings.Opening> asked = new ArrayList<>(places.size());
        for (int place : places) {
            Job job = group.get(place);
            Authorize a = (Authorize) job.request();
            asked.add(new Openings.Opening(a.merchantId(), job.paymentId(), job.actionIds(), a.payment()));
        }
        List<Object> prepared = openings.prepareAll(tx, asked);
        List<Opening> going = new ArrayList<>();
        for (int j = 0; j < prepared.size(); j++) {
            // A refusal comes before its request wrote anything (see groupable): the others go on.
            if (prepared.get(j) instanceof Openings.Prepared p) going.add(new Opening(places.get(j), p));
            else outcomes.set(places.get(j), prepared.get(j));
        }
        return going;
    }

    /** The captured and refunded payments, locked in one statement; one the merchant does not have is refused (404). */
    private List<Moving> lock(Handle tx, List<Job> group, List<Integer> places, List<Object> outcomes) {
        if (places.isEmpty()) return List.of();
        List<String> merchantIds = places.stream().map(p -> group.get(p).request().merchantId()).toList();
        List<String> paymentIds = places.stream().map(p -> group.get(p).paymentId()).toList();
        List<Object> locked = payments.lockAll(tx, merchantIds, paymentIds);
        List<Moving> going = new ArrayList<>();
        for (int j = 0; j < locked.size(); j++) {
            if (locked.get(j) instanceof PaymentView view) going.add(new Moving(places.get(j), view, null));
            else outcomes.set(places.get(j), locked.get(j));
        }
        return going;
    }

    /**
     * The refunds the state machine allows and the merchants can pay for ({@link RefundCover}),
     * checked together: each merchant's balance is locked and read once for all its refunds. A
     * refusal is its refund's outcome; the others go on.
     */
    private List<Refunding> cover(Handle tx, List<Job> group, List<Moving> locked, List<Object> outcomes) {
        List<Refunding> allowed = new ArrayList<>();
        for (Moving m : locked) {
            Refund r = (Refund) group.get(m.place()).request();
            Payment p = m.before().payment();
            if (group.size() > 1 && p.paysFor() != null) {
                // An order's or a link's payment: its listener locks the order or link row after the
                // payment's, where the order's own refunds lock them the other way round. Alone, a
                // deadlock between the two fails this refund only (see run).
                outcomes.set(m.place(), LATER);
                continue;
            }
            long amount = r.amount().orElse(p.balances().refundable());
            try {
                r.amountRule().check(p.currency());
                allowed.add(new Refunding(m.place(), m.before(), amount, MoneyMoves.allowRefund(p, amount)));
            } catch (ProblemException refused) {
                outcomes.set(m.place(), refused);
            }
        }
        if (allowed.isEmpty()) return allowed;
        List<Optional<ProblemException>> refusals = payments.moves().coverRefunds(tx, allowed.stream().map(a -> {
            Payment p = a.before().payment();
            return new RefundCover.Asked(p.merchantId(), p.id(), p.currency(), a.amount());
        }).toList());
        List<Refunding> covered = new ArrayList<>();
        for (int j = 0; j < allowed.size(); j++) {
            if (refusals.get(j).isPresent()) outcomes.set(allowed.get(j).place(), refusals.get(j).get());
            else covered.add(allowed.get(j));
        }
        return covered;
    }

    /**
     * A new payment's answer from the network; a connector that fails its auto-capture fails this
     * request only (returned, not thrown), as a failed capture does below.
     */
    private Object networkAnswer(Openings.Prepared prepared) {
        try {
            return openings.answer(prepared);
        } catch (RuntimeException failed) {
            log.warn("the connector failed a grouped payment's capture; that request fails alone", failed);
            return failed;
        }
    }

    /**
     * A capture decided: by the state machine, then the network. A refusal, or a connector that
     * fails, is returned rather than thrown, so that it fails this request and not its group.
     * <p>
     * Run again, a capture asks under its first try's action id, so it must ask for the same
     * amount: a connector answers a repeated action id as it answered the first. A capture of
     * "what is left" whose payment another writer changed between the two tries (a capture, a
     * void) would ask for another amount; it fails instead (500), as a refund that cannot be run
     * again does: what the network did under its first try is not on record here.
     */
    private Object decide(Job job, PaymentView before) {
        Capture c = (Capture) job.request();
        Payment p = before.payment();
        try {
            c.amountRule().check(p.currency());
            long amount = c.amount().orElse(p.balances().uncaptured());
            long asked = job.captureAsked().compareAndExchange(Job.NOT_ASKED, amount);
            if (asked != Job.NOT_ASKED && asked != amount) {
                var changed = new IllegalStateException("payment " + p.id() + " changed after its capture of " + asked
                        + " was first asked under " + job.actionIds().capture() + "; it is not asked again for " + amount);
                log.error("a grouped capture run again would ask for another amount; that request fails", changed);
                return changed;
            }
            return payments.moves().decideCapture(p, job.actionIds().capture(), amount, c.finalCapture(), c.reference(),
                    c.metadata());
        } catch (ProblemException refused) {
            return refused;
        } catch (RuntimeException failed) {
            log.warn("the connector failed a grouped capture; that request fails alone", failed);
            return failed;
        }
    }

    /** A covered refund's answer from the network; a connector that fails is returned, as by {@link #decide(Job, PaymentView)}. */
    private Object decide(Job job, Refunding r) {
        Refund refund = (Refund) job.request();
        try {
            return payments.moves().answerRefund(r.before().payment(), r.allowed(), r.amount(), refund.reference(), refund.metadata());
        } catch (RuntimeException failed) {
            log.warn("the connector failed a grouped refund; that request fails alone", failed);
            return failed;
        }
    }

    /**
     * Runs the calls side by side (in place when there is one) and returns their results in order.
     * The calls return their request's failure rather than throw it (see {@link #decide}).
     */
    private List<Object> ask(List<Supplier<Object>> calls) {
        if (calls.size() == 1) return List.of(calls.getFirst().get());
        List<Future<Object>> asked = new ArrayList<>(calls.size());
        for (Supplier<Object> c : calls) asked.add(network.submit(c::get));
        List<Object> results = new ArrayList<>(calls.size());
        for (Future<Object> f : asked) results.add(GroupQueue.result(f, "while the network answered"));
        return results;
    }

    /**
     * Stops the writers once the requests already waiting are written; call it after the HTTP
     * server has drained, when nothing new can arrive.
     */
    @Override
    public void close() {
        try {
            queue.close();
        } finally {
            refundQueue.close();
            network.shutdown();
        }
    }
}
