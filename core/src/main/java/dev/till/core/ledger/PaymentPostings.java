package dev.till.core.ledger;

import static dev.till.domain.ledger.Account.*;

import dev.till.domain.CurrencyCode;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.ledger.EntryType;
import dev.till.domain.ledger.JournalEntry;
import dev.till.domain.ledger.Pricing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Merchant (and fees) → card clearing. The capture fee is returned pro rata, so a payment
     * refunded in full takes back exactly what its capture credited: a merchant can always refund
     * a payment whose funds it still holds, even right after the capture.
     */
    public String refund(Handle tx, String merchantId, String paymentId, String actionId, CurrencyCode currency, long amount) {
        long feeBack = new LedgerStore(tx).paymentFees(merchantId, paymentId, currency.code()).feeReturnFor(amount);
        var entry = JournalEntry.of(merchantId, EntryType.REFUND, paymentId).action(actionId)
                .description("Refund of " + currency.format(amount) + ", fee returned " + currency.format(feeBack));
        if (amount - feeBack > 0) takeFromMerchant(tx, merchantId, paymentId, currency, amount - feeBack, entry);
        if (feeBack > 0) entry.debit(FEES, currency, feeBack);
        return ledger.post(tx, entry.credit(CARD_NETWORK_CLEARING, currency, amount).build());
    }

    /**
     * Refuses, before the card network is asked, a refund that {@link #refund} would refuse when it
     * posts: what the merchant pays for it (the amount less the fee returned) must fit in the
     * payment's own unsettled funds and the available balance. Both stay locked until commit (the
     * payment's settlements, then the merchant's balances: the settlement job's order, so the two
     * never wait on each other), so no payout, settlement or other refund can spend them between
     * this check and the posting. Refunds of one merchant and currency therefore take turns while
     * the network answers.
     */
    public void coverRefund(Handle tx, String merchantId, String paymentId, CurrencyCode currency, long amount) {
        long owed = amount - new LedgerStore(tx).paymentFees(merchantId, paymentId, currency.code()).feeReturnFor(amount);
        if (owed <= 0) return;
        long unsettled = new SettlementStore(tx).unsettledForSource(merchantId, paymentId, currency.code()).stream()
                .mapToLong(Settlement::amount).sum();
        ledger.lock(tx, merchantId, currency.code());
        if (owed > unsettled + Math.max(0, ledger.balance(tx, merchantId, MERCHANT_AVAILABLE, currency.code()))) {
            throw Ledger.insufficientBalance(MERCHANT_AVAILABLE, currency.code(), EntryType.REFUND).toException();
        }
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
        long left = amount;
        List<Settlement> unsettled = settlements.unsettledForSource(merchantId, paymentId, currency.code());
        for (Settlement s : unsettled) {
            long take = Math.min(left, s.amount());
            if (take == 0) continue;
            settlements.reduce(merchantId, s.id(), take);
            entry.debit(MERCHANT_PENDING, currency, take);
            left -= take;
            if (left == 0) break;
        }
        return left;
    }
}
