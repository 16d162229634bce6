package dev.till.core.ledger;

import static dev.till.domain.ledger.Account.*;

import dev.till.domain.CurrencyCode;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.domain.ledger.EntryType;
import dev.till.domain.ledger.JournalEntry;
import dev.till.domain.ledger.Pricing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The ledger side of card payments: captures (with their fee), refunds and chargebacks. Each call
 * posts inside the caller's transaction. Thread-safe.
 */
public final class PaymentPostings {
    private final Ledger ledger;
    private final MerchantPricing pricing;
    private final Ids ids;
    private final Clock clock;
    private final Duration settlementDelay;

    public PaymentPostings(Ledger ledger, MerchantPricing pricing, Ids ids, Clock clock, Duration settlementDelay) {
        this.ledger = ledger;
        this.pricing = pricing;
        this.ids = ids;
        this.clock = clock;
        this.settlementDelay = settlementDelay;
    }

    /**
     * One capture to post: card clearing → merchant pending (or available when {@code immediate}),
     * less the fee. Pending funds are scheduled to settle after the settlement delay.
     */
    public record Captured(String merchantId, String paymentId, String actionId, CurrencyCode currency, long amount,
                           boolean immediate) {}

    /**
     * Captures (one payment's, or a group of concurrent requests') posted in one statement, after
     * one pricing lookup per merchant; returns their entry ids in order.
     */
    public List<String> captureAll(Handle tx, List<Captured> captures) {
        Map<String, Pricing> prices = new HashMap<>();
        List<Ledger.Posting> postings = new ArrayList<>(captures.size());
        for (Captured c : captures) {
            CurrencyCode currency = c.currency();
            long amount = c.amount();
            long fee = prices.computeIfAbsent(c.merchantId(), m -> pricing.of(tx, m)).captureFee(amount);
            long net = amount - fee;
            var entry = JournalEntry.of(c.merchantId(), EntryType.CAPTURE, c.paymentId()).action(c.actionId())
                    .debit(CARD_NETWORK_CLEARING, currency, amount)
                    .credit(c.immediate() ? MERCHANT_AVAILABLE : MERCHANT_PENDING, currency, net)
                    .credit(FEES, currency, fee)
                    .description("Capture of " + currency.format(amount) + ", fee " + currency.format(fee)).build();
            Settlement settles = c.immediate() || net <= 0 ? null : new Settlement(ids.next("stl_"), c.merchantId(),
                    c.paymentId(), currency.code(), net, clock.instant().plus(settlementDelay));
            postings.add(new Ledger.Posting(entry, settles));
        }
        return ledger.postAll(tx, postings);
    }

    /** A refund to post (once the network refunded it) or to cover (before it is asked). */
    public record Refunded(String merchantId, String paymentId, String actionId, CurrencyCode currency, long amount) {
        SourceCurrency source() {
            return new SourceCurrency(merchantId, paymentId, currency.code());
        }

        MerchantCurrency balance() {
            return new MerchantCurrency(merchantId, currency.code());
        }
    }

    /**
     * Refunds: merchant (and fees) → card clearing. The capture fee is returned pro rata, so a
     * payment refunded in full takes back exactly what its capture credited: a merchant can always
     * refund a payment whose funds it still holds, even right after the capture. Refunds of
     * distinct payments (one, or a group's of concurrent requests) are posted together: a statement
     * each for their fees, their unsettled funds and the settlements they shrink, then one posting;
     * returns their entry ids in order.
     */
    public List<String> refundAll(Handle tx, List<Refunded> refunds) {
        Funds funds = fundsOf(tx, refunds);
        List<SettlementStore.Reduction> reductions = new ArrayList<>();
        List<Ledger.Posting> postings = new ArrayList<>(refunds.size());
        for (int i = 0; i < refunds.size(); i++) {
            Refunded r = refunds.get(i);
            long feeBack = funds.fees().get(i).feeReturnFor(r.amount());
            var entry = JournalEntry.of(r.merchantId(), EntryType.REFUND, r.paymentId()).action(r.actionId())
                    .description("Refund of " + r.currency().format(r.amount()) + ", fee returned " + r.currency().format(feeBack));
            long owed = r.amount() - feeBack;
            if (owed > 0) {
                long left = takeFromPending(funds.unsettled(r), r.currency(), owed, entry, reductions);
                entry.debit(MERCHANT_AVAILABLE, r.currency(), left);
            }
            if (feeBack > 0) entry.debit(FEES, r.currency(), feeBack);
            postings.add(new Ledger.Posting(entry.credit(CARD_NETWORK_CLEARING, r.currency(), r.amount()).build(), null));
        }
        new SettlementStore(tx).reduceAll(reductions);
        return ledger.postAll(tx, postings);
    }

    /**
     * Refuses, before the card network is asked, refunds that {@link #refundAll} would refuse when
     * it posts them: what the merchant pays for each (the amount less the fee returned) must fit in
     * the payment's own unsettled funds and the available balance, which an earlier refund of the
     * list has already drawn on. Returns each refund's refusal, in order, or empty when it is
     * covered. The funds checked stay locked until commit (the payments' settlements, then the
     * merchants' balances: the settlement job's order, so the two never wait on each other), so no
     * payout, settlement or other refund can spend them between this check and the posting. Refunds
     * of one merchant and currency therefore take turns while the network answers.
     * <p>
     * A refund that is covered here and then declined by the network has still counted against the
     * ones after it: the check is conservative, never short.
     */
    public List<Optional<ProblemException>> coverRefunds(Handle tx, List<Refunded> refunds) {
        Funds funds = fundsOf(tx, refunds);
        // Sorted: the merchants' balances are locked in a stable order.
        Map<MerchantCurrency, Long> available = new TreeMap<>(
                Comparator.comparing(MerchantCurrency::merchantId).thenComparing(MerchantCurrency::currency));
        for (int i = 0; i < refunds.size(); i++) {
            if (funds.owed(i) > 0) available.put(refunds.get(i).balance(), 0L);
        }
        available.replaceAll((pair, none) -> {
            ledger.lock(tx, pair.merchantId(), pair.currency());
            return Math.max(0, ledger.balance(tx, pair.merchantId(), MERCHANT_AVAILABLE, pair.currency()));
        });
        List<Optional<ProblemException>> refusals = new ArrayList<>(Collections.nCopies(refunds.size(), Optional.empty()));
        for (int i = 0; i < refunds.size(); i++) {
            long owed = funds.owed(i);
            if (owed <= 0) continue;
            Refunded r = refunds.get(i);
            MerchantCurrency pair = r.balance();
            long pending = funds.unsettled(r).stream().mapToLong(Settlement::amount).sum();
            long left = available.get(pair);
            if (owed > pending + left) {
                refusals.set(i, Optional.of(Ledger.insufficientBalance(MERCHANT_AVAILABLE, r.currency().code(), EntryType.REFUND)
                        .toException()));
            } else {
                available.put(pair, left - Math.max(0, owed - pending));
            }
        }
        return refusals;
    }

    /**
     * What a list of refunds draws on: their payments' fees so far (one statement), and the
     * unsettled funds, locked, of the payments whose merchant pays something for its refund (one
     * more). The payments must be distinct, or the second's fees would miss the first's lines.
     */
    private record Funds(List<Refunded> refunds, List<PaymentFees> fees, Map<SourceCurrency, List<Settlement>> bySource) {
        long owed(int i) {
            return PaymentPostings.owed(refunds.get(i), fees.get(i));
        }

        List<Settlement> unsettled(Refunded r) {
            return bySource.getOrDefault(r.source(), List.of());
        }
    }

    /** What the merchant pays for a refund: its amount less the capture fee it returns. */
    private static long owed(Refunded r, PaymentFees fees) {
        return r.amount() - fees.feeReturnFor(r.amount());
    }

    private static Funds fundsOf(Handle tx, List<Refunded> refunds) {
        List<SourceCurrency> sources = refunds.stream().map(Refunded::source).toList();
        if (new HashSet<>(sources).size() < sources.size()) {
            throw new IllegalArgumentException("refunds posted or covered together must be of distinct payments");
        }
        List<PaymentFees> fees = new LedgerStore(tx).paymentFees(sources);
        List<SourceCurrency> owing = new ArrayList<>();
        for (int i = 0; i < refunds.size(); i++) {
            if (owed(refunds.get(i), fees.get(i)) > 0) owing.add(sources.get(i));
        }
        return new Funds(refunds, fees, owing.isEmpty() ? Map.of() : new SettlementStore(tx).unsettledFor(owing));
    }

    /**
     * A dispute takes the amount (and a dispute fee) from the merchant. Like a refund it comes out of
     * the payment's unsettled funds first; a merchant who holds too little gets 422
     * {@code insufficient_balance} (Till keeps no negative balances, see docs/ledger.md).
     */
    public String chargeback(Handle tx, String merchantId, String paymentId, String disputeId, CurrencyCode currency,
                             long amount, long disputeFee) {
        var entry = JournalEntry.of(merchantId, EntryType.CHARGEBACK, paymentId).action(disputeId)
                .description("Chargeback of " + currency.format(amount));
        takeFromMerchant(tx, merchantId, paymentId, currency, amount + disputeFee, entry);
        return ledger.post(tx, entry.credit(CHARGEBACKS, currency, amount).credit(FEES, currency, disputeFee).build());
    }

    /**
     * A chargeback the card network imposes: it takes the amount whatever the merchant holds. The
     * payment's unsettled funds go first, then what is available; the rest becomes
     * {@code merchant_debt}, so no merchant balance ever goes below zero.
     */
    public String imposedChargeback(Handle tx, String merchantId, String paymentId, String disputeId, CurrencyCode currency,
                                    long amount) {
        var entry = JournalEntry.of(merchantId, EntryType.CHARGEBACK, paymentId).action(disputeId)
                .description("Chargeback of " + currency.format(amount));
        long left = takeFromPending(tx, merchantId, paymentId, currency, amount, entry);
        // The payment's settlements (locked above) before the balances: the settlement job's order.
        ledger.lock(tx, merchantId, currency.code());
        long available = Math.max(0, ledger.balance(tx, merchantId, MERCHANT_AVAILABLE, currency.code()));
        long fromAvailable = Math.min(left, available);
        entry.debit(MERCHANT_AVAILABLE, currency, fromAvailable).debit(MERCHANT_DEBT, currency, left - fromAvailable);
        return ledger.post(tx, entry.credit(CHARGEBACKS, currency, amount).build());
    }

    /** The merchant won the dispute (representation): the money comes back, repaying its debt first. */
    public String chargebackReversed(Handle tx, String merchantId, String paymentId, String disputeId, CurrencyCode currency,
                                     long amount) {
        long debt = Math.min(amount, Math.max(0, new LedgerStore(tx).paymentDebt(merchantId, paymentId, currency.code())));
        var entry = JournalEntry.of(merchantId, EntryType.CHARGEBACK, paymentId).action(disputeId)
                .description("Chargeback of " + currency.format(amount) + " reversed")
                .debit(CHARGEBACKS, currency, amount)
                .credit(MERCHANT_DEBT, currency, debt)
                .credit(MERCHANT_AVAILABLE, currency, amount - debt);
        return ledger.post(tx, entry.build());
    }

    /**
     * Debits the merchant for a payment: from that payment's still-pending funds first (shrinking
     * their scheduled settlement, so the job never moves money that is gone), then from available.
     */
    private void takeFromMerchant(Handle tx, String merchantId, String paymentId, CurrencyCode currency, long amount,
                                  JournalEntry.Builder entry) {
        if (amount <= 0) throw Problem.invalid("amount_invalid", "amount", "The amount must be positive.").toException();
        entry.debit(MERCHANT_AVAILABLE, currency, takeFromPending(tx, merchantId, paymentId, currency, amount, entry));
    }

    /** Debits the payment's still-pending funds, shrinking their settlement; returns what is left to take. */
    private long takeFromPending(Handle tx, String merchantId, String paymentId, CurrencyCode currency, long amount,
                                 JournalEntry.Builder entry) {
        SettlementStore settlements = new SettlementStore(tx);
        var source = new SourceCurrency(merchantId, paymentId, currency.code());
        List<SettlementStore.Reduction> reductions = new ArrayList<>();
        long left = takeFromPending(settlements.unsettledFor(List.of(source)).getOrDefault(source, List.of()), currency, amount,
                entry, reductions);
        settlements.reduceAll(reductions);
        return left;
    }

    /**
     * Debits {@code amount} from a payment's unsettled funds (locked, in the order they settle) as
     * far as they go, noting each settlement to shrink; returns what is left to take.
     */
    private static long takeFromPending(List<Settlement> unsettled, CurrencyCode currency, long amount, JournalEntry.Builder entry,
                                        List<SettlementStore.Reduction> reductions) {
        long left = amount;
        for (Settlement s : unsettled) {
            long take = Math.min(left, s.amount());
            if (take == 0) continue;
            reductions.add(new SettlementStore.Reduction(s, take));
            entry.debit(MERCHANT_PENDING, currency, take);
            left -= take;
            if (left == 0) break;
        }
        return left;
    }
}
