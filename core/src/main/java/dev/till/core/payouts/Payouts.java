package dev.till.core.payouts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.events.Events;
import dev.till.core.fx.Quote;
import dev.till.core.fx.Quotes;
import dev.till.core.ledger.Ledger;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.domain.Validation;
import dev.till.processor.payouts.Beneficiary;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creating and reading payouts. A batch runs in the caller's transaction with a savepoint per
 * item: a failed item (expired quote, too little balance, bad beneficiary) is rolled back alone
 * and the others stand. {@code externalRef} is the payout's idempotency key: a reference seen
 * before answers the existing payout, across batches and concurrent requests. Thread-safe.
 */
public final class Payouts {
    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final Events events;
    private final Quotes quotes;
    private final PayoutPostings postings;
    private final ObjectMapper json;

    public Payouts(Jdbi jdbi, Ids ids, Clock clock, Events events, Quotes quotes, Ledger ledger, ObjectMapper json) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.quotes = quotes;
        this.postings = new PayoutPostings(ledger);
        this.json = json;
    }

    public List<PayoutResult> create(Handle tx, String merchantId, List<PayoutDraft> drafts) {
        PayoutStore store = new PayoutStore(tx);
        events.holdDeliveries(tx); // a savepoint rolled back must not leave deliveries to send on commit
        store.lockMerchant(lockId(merchantId));
        List<PayoutResult> results = new ArrayList<>();
        int n = 0;
        for (PayoutDraft draft : drafts) {
            String savepoint = "payout_item_" + n++;
            tx.savepoint(savepoint);
            try {
                results.add(createOne(tx, store, merchantId, draft));
                tx.releaseSavepoint(savepoint);
            } catch (ProblemException e) {
                tx.rollbackToSavepoint(savepoint);
                results.add(new PayoutResult.Rejected(draft.externalRef(), e.problem()));
            }
        }
        return results;
    }

    private PayoutResult createOne(Handle tx, PayoutStore store, String merchantId, PayoutDraft draft) {
        var existing = store.findByExternalRef(merchantId, draft.externalRef());
        if (existing.isPresent()) return new PayoutResult.Existing(existing.get());
        Beneficiary b = normalised(draft.beneficiary());
        validate(draft, b);
        String id = ids.next("po_");
        Quote q = quotes.use(tx, merchantId, draft.quoteId(), id);
        if (!q.country().equals(b.country())) {
            throw Problem.invalid("beneficiary_country_mismatch", "beneficiary.country",
                    "The quote is for " + q.country() + " but the beneficiary is in " + b.country() + ".").toException();
        }
        int inserted = store.insert(id, merchantId, draft.externalRef(), q.id(), q.sourceCurrency(), q.sourceAmount(), q.fee(),
                q.targetCurrency(), q.targetAmount(), q.rate(), write(b), draft.reference(), clock.instant());
        if (inserted == 0) {
            // Unreachable while every writer holds the merchant lock; a guard should that ever change.
            throw Problem.conflict("external_ref_in_use", "A payout with externalRef " + draft.externalRef() + " is being created.").toException();
        }
        Payout payout = store.find(merchantId, id).orElseThrow();
        postings.reserve(tx, payout);
        events.record(tx, merchantId, "payout.created", id, PayoutSnapshot.of(payout));
        return new PayoutResult.Created(payout);
    }

    private static void validate(PayoutDraft d, Beneficiary b) {
        Validation v = new Validation();
        v.check(b.name() != null && !b.name().isBlank() && b.name().length() <= 140, "beneficiary_name_invalid",
                "beneficiary.name", "beneficiary.name is required (up to 140 characters).");
        v.check(b.country() != null && b.country().matches("[A-Z]{2}"), "beneficiary_country_invalid",
                "beneficiary.country", "beneficiary.country must be an ISO 3166 alpha-2 code.");
        if (b.iban() != null) {
            v.check(Iban.valid(b.iban()), "beneficiary_iban_invalid", "beneficiary.iban", "beneficiary.iban fails the IBAN checksum.");
            v.check(b.country() == null || b.iban().startsWith(b.country()), "beneficiary_iban_country_mismatch",
                    "beneficiary.iban", "beneficiary.iban is not an IBAN of beneficiary.country.");
        } else {
            v.check(b.accountNumber() != null && b.accountNumber().matches("[0-9A-Za-z]{4,34}"), "beneficiary_account_required",
                    "beneficiary.account_number", "Give beneficiary.iban, or beneficiary.account_number (4 to 34 letters or digits).");
        }
        v.check(d.reference() == null || d.reference().length() <= 140, "reference_invalid", "reference",
                "reference may be at most 140 characters.");
        v.throwIfInvalid();
    }

    private static Beneficiary normalised(Beneficiary b) {
        if (b == null) throw Problem.invalid("beneficiary_required", "beneficiary", "beneficiary is required.").toException();
        return new Beneficiary(b.name(), Iban.normalise(b.iban()), b.accountNumber(), b.bankCode(),
                b.country() == null ? null : b.country().toUpperCase());
    }

    public Payout get(String merchantId, String id) {
        return jdbi.withHandle(h -> new PayoutStore(h).find(merchantId, id))
                .orElseThrow(() -> Problem.notFound("payout", id).toException());
    }

    private String write(Beneficiary b) {
        try {
            return json.writeValueAsString(b);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The merchant's payout lock: batches and the rail job take it before touching the merchant's balances. */
    static long lockId(String merchantId) {
        return UUID.nameUUIDFromBytes(("payouts:" + merchantId).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }
}
