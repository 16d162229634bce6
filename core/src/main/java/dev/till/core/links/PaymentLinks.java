package dev.till.core.links;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.customers.CustomerStore;
import dev.till.core.events.Events;
import dev.till.core.paging.Cursor;
import dev.till.core.paging.Page;
import dev.till.core.payments.ActionResult;
import dev.till.core.payments.CustomerRef;
import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentRequest;
import dev.till.core.payments.PaymentSource;
import dev.till.core.payments.PaymentView;
import dev.till.core.payments.Payments;
import dev.till.core.vault.CardChecks;
import dev.till.core.vault.CardInput;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.domain.links.LinkCommand;
import dev.till.domain.links.LinkMachine;
import dev.till.domain.links.LinkStatus;
import dev.till.domain.links.LinkTransition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Payment link use cases (seed 004). A link reserves its payment's {@code pay_} id when it is
 * created; the customer's card is authorized under that id through {@link Payments}, in the same
 * transaction that locks the link. Outcomes that arrive later (3-D Secure, the reconciler) reach
 * the link through {@link LinkPaymentListener}. Thread-safe.
 */
public final class PaymentLinks {
    /** Declined tries one link accepts, so a leaked link is no card-testing oracle. */
    public static final int MAX_ATTEMPTS = 10;

    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final Events events;
    private final Payments payments;
    private final ObjectMapper json;
    private final String publicUrl;

    public PaymentLinks(Jdbi jdbi, Ids ids, Clock clock, Events events, Payments payments, ObjectMapper json, String publicUrl) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.payments = payments;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    public PaymentLink create(Handle tx, String merchantId, LinkDraft d) {
        if (d.customer() != null && d.customer().id() != null
                && new CustomerStore(tx).find(merchantId, d.customer().id()).isEmpty()) {
            throw Problem.invalid("customer_not_found", "customer.id", "No customer " + d.customer().id() + ".").toException();
        }
        Instant now = clock.instant();
        PaymentLink link = new PaymentLink(ids.next("pl_"), merchantId, 0, LinkStatus.ACTIVE.wire(), ids.next("pay_"),
                d.amount(), d.currency().code(), d.reference(), d.description(), write(d.customer()), d.backToShopUrl(),
                d.capture(), d.metadata(), write(d.frameAncestors()), 0, null, null, null, now, now.plus(d.expiresIn()),
                null, null, null);
        PaymentLinkStore store = new PaymentLinkStore(tx);
        store.insert(link);
        PaymentLink created = store.find(merchantId, link.id()).orElseThrow();
        events.record(tx, merchantId, "payment_link.created", created.id(), PaymentLinkSnapshot.of(created));
        return created;
    }

    public PaymentLink get(String merchantId, String id) {
        return jdbi.withHandle(h -> new PaymentLinkStore(h).find(merchantId, id))
                .orElseThrow(() -> Problem.notFound("payment_link", id).toException());
    }

    public Optional<PaymentLink> find(String merchantId, String id) {
        return jdbi.withHandle(h -> new PaymentLinkStore(h).find(merchantId, id));
    }

    public Page<PaymentLink> list(String merchantId, Cursor after, int limit) {
        var rows = jdbi.withHandle(h -> new PaymentLinkStore(h)
                .listPage(merchantId, after.createdOn(), after.id(), limit + 1));
        return Page.of(rows, limit, PaymentLink::createdOn, PaymentLink::id);
    }

    /** Idempotent on a canceled or expired link; refused (400) once the payment is authorized. */
    public PaymentLink cancel(Handle tx, String merchantId, String id) {
        PaymentLinkStore store = new PaymentLinkStore(tx);
        PaymentLink link = lock(tx, merchantId, id);
        LinkTransition t = LinkMachine.apply(link.state(), new LinkCommand.Cancel());
        if (!t.changed()) return link;
        written(store.markCanceled(merchantId, id, link.version(), clock.instant()));
        PaymentLink canceled = store.find(merchantId, id).orElseThrow();
        events.record(tx, merchantId, "payment_link.canceled", id, PaymentLinkSnapshot.of(canceled));
        return canceled;
    }

    /**
     * The customer's card, from the widget. Returns the payment as the network left it. While an
     * attempt is already under way (say, a second tab), it returns that payment instead of paying twice.
     */
    public PaymentView pay(Handle tx, String merchantId, String id, CardInput card) {
        PaymentLink link = lock(tx, merchantId, id);
        LinkMachine.apply(link.state(), new LinkCommand.Pay());
        if (!clock.instant().isBefore(link.expiresOn())) {
            // The expiry job has not come by yet; the link is over all the same.
            throw Problem.notAllowed("payment_link_expired", "The link expired; it takes no payment.").toException();
        }
        checkCard(card);
        if (link.attemptInProgress()) return payments.get(tx, merchantId, link.paymentId());
        if (link.attempts() >= MAX_ATTEMPTS) {
            throw Problem.notAllowed("payment_link_attempts_exhausted", "The link took " + MAX_ATTEMPTS
                    + " declined cards; ask the merchant for a new link.").toException();
        }
        written(new PaymentLinkStore(tx).markAttemptStarted(merchantId, id, link.version(), clock.instant()));
        String back = publicUrl + "/links/" + merchantId + "/" + id;
        var request = new PaymentRequest(new PaymentSource.NewCard(card), link.amount(),
                dev.till.domain.CurrencyCode.of(link.currency()), link.reference(), link.description(), link.capture(),
                read(link.customer(), CustomerRef.class), link.metadata(), false, back, back + "?declined=1", "Regular",
                Payment.PAYS_FOR_LINK);
        return payments.authorize(tx, merchantId, link.paymentId(), request);
    }

    /** The same, in a transaction of its own (the widget's card post). */
    public PaymentView pay(String merchantId, String id, CardInput card) {
        return jdbi.inTransaction(tx -> pay(tx, merchantId, id, card));
    }

    /** The payment the link is waiting on (3-D Secure, or a late network reply), if any. */
    public Optional<PaymentView> paymentInProgress(PaymentLink link) {
        if (!link.attemptInProgress()) return Optional.empty();
        return Optional.of(payments.get(link.merchantId(), link.paymentId()));
    }

    /** The vault's checks, plus one of the widget's own: a customer-present payment needs the CVV. */
    private void checkCard(CardInput card) {
        List<String> codes = new ArrayList<>();
        try {
            CardChecks.validate(card, clock, "");
        } catch (ProblemException e) {
            codes.addAll(e.problem().codes());
        }
        if (card.cvv() == null || card.cvv().isBlank()) codes.add("cvv_required");
        if (!codes.isEmpty()) {
            throw new Problem(Problem.Kind.INVALID, codes, "The card details are not valid.", null).toException();
        }
    }

    /**
     * Payer's capture: up to the authorized amount; no amount takes the remainder. A partial
     * capture leaves the rest capturable. A capture the network declines took nothing.
     */
    public LinkCapture capture(Handle tx, String merchantId, String id, Optional<Long> amount, String reference) {
        PaymentLink link = lock(tx, merchantId, id);
        if (link.state() != LinkStatus.COMPLETED) {
            throw Problem.notAllowed("payment_link_not_authorized", "The link is " + link.status()
                    + "; only a completed (authorized) link's payment can be captured.").toException();
        }
        long remainder = payments.get(tx, merchantId, link.paymentId()).payment().balances().uncaptured();
        ActionResult action = payments.capture(tx, merchantId, link.paymentId(), amount, amount.isEmpty(), reference, null);
        return new LinkCapture(action, action.approved() ? amount.orElse(remainder) : 0);
    }

    private PaymentLink lock(Handle tx, String merchantId, String id) {
        return new PaymentLinkStore(tx).findForUpdate(merchantId, id)
                .orElseThrow(() -> Problem.notFound("payment_link", id).toException());
    }

    private String write(Object value) {
        if (value == null) return null;
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        if (text == null) return null;
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    /** A guarded write that touched no row means our locked read was stale: a bug, never ignored. */
    static void written(int rows) {
        if (rows != 1) throw new IllegalStateException("a guarded payment link update matched " + rows + " rows");
    }
}
