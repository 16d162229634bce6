package dev.till.core.fx;

import dev.till.core.ledger.MerchantPricing;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Ids;
import dev.till.domain.Money;
import dev.till.domain.Problem;
import dev.till.domain.Validation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * FX quotes: a rate from the rate table less the spread, locked for the quote TTL, for one payout.
 * Thread-safe.
 */
public final class Quotes {
    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final FxRates rates;
    private final MerchantPricing pricing;
    private final long spreadBps;
    private final Duration ttl;

    public Quotes(Jdbi jdbi, Ids ids, Clock clock, FxRates rates, MerchantPricing pricing, long spreadBps, Duration ttl) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.rates = rates;
        this.pricing = pricing;
        this.spreadBps = spreadBps;
        this.ttl = ttl;
    }

    public Quote create(Handle tx, String merchantId, QuoteRequest req) {
        RateTable table = rates.current();
        Validation v = new Validation();
        CurrencyCode source = CurrencyCode.parse(req.sourceCurrency()).orElse(null);
        CurrencyCode target = CurrencyCode.parse(req.targetCurrency()).orElse(null);
        v.check(source != null, "source_currency_invalid", "source_currency", "source_currency must be an ISO 4217 code.");
        v.check(target != null, "currency_invalid", "currency", "currency must be an ISO 4217 code.");
        v.check(req.country() != null && req.country().matches("[A-Z]{2}"), "country_invalid", "country",
                "country must be an ISO 3166 alpha-2 code.");
        v.check(req.sourceAmount().isPresent() != req.targetAmount().isPresent(), "amount_required", "source_amount",
                "Give exactly one of source_amount and target_amount.");
        req.sourceAmount().ifPresent(a -> v.check(a > 0 && a <= Money.MAX_MINOR, "amount_invalid", "source_amount",
                "source_amount must be positive, at most " + Money.MAX_MINOR + " minor units."));
        req.targetAmount().ifPresent(a -> v.check(a > 0 && a <= Money.MAX_MINOR, "amount_invalid", "target_amount",
                "target_amount must be positive, at most " + Money.MAX_MINOR + " minor units."));
        v.throwIfInvalid();
        if (!table.supports(source.code())) throw unsupported("currency_unsupported", "source_currency", source.code() + " is not in the rate table.");
        if (!table.supports(target.code())) throw unsupported("currency_unsupported", "currency", target.code() + " is not in the rate table.");
        if (!table.paysOutTo(target.code(), req.country())) {
            throw unsupported("corridor_unsupported", "country", "Payouts in " + target.code() + " to " + req.country() + " are not supported.");
        }
        BigDecimal rate = Conversion.offered(table.mid(source.code(), target.code()).orElseThrow(), spreadBps);
        long sourceAmount = req.sourceAmount().orElseGet(() -> Conversion.source(req.targetAmount().getAsLong(), source, target, rate));
        long targetAmount = req.targetAmount().orElseGet(() -> Conversion.target(sourceAmount, source, target, rate));
        if (targetAmount <= 0 || sourceAmount > Money.MAX_MINOR) {
            throw Problem.invalid("amount_invalid", "source_amount", "The amount is too small (or too large) to convert.").toException();
        }
        long fee = pricing.of(tx, merchantId).payoutFee(sourceAmount);
        String id = ids.next("qte_");
        Instant now = clock.instant();
        QuoteStore store = new QuoteStore(tx);
        store.insert(id, merchantId, source.code(), sourceAmount, target.code(), targetAmount, req.country(), rate, fee, now,
                now.plus(ttl));
        return store.find(merchantId, id).orElseThrow();
    }

    public Quote get(String merchantId, String id) {
        return jdbi.withHandle(h -> new QuoteStore(h).find(merchantId, id))
                .orElseThrow(() -> Problem.notFound("quote", id).toException());
    }

    /** Claims the quote for a payout: 422 {@code quote_expired}, {@code quote_used} or {@code quote_not_found}. */
    public Quote use(Handle tx, String merchantId, String quoteId, String payoutId) {
        QuoteStore store = new QuoteStore(tx);
        Quote q = store.find(merchantId, quoteId).orElseThrow(() ->
                Problem.invalid("quote_not_found", "quote_id", "No quote with id " + quoteId + ".").toException());
        if (store.markUsed(merchantId, quoteId, payoutId, clock.instant()) == 1) return q;
        if (q.usedBy() != null) throw Problem.invalid("quote_used", "quote_id", "Quote " + quoteId + " was already used by " + q.usedBy() + ".").toException();
        throw Problem.invalid("quote_expired", "quote_id", "Quote " + quoteId + " expired at " + q.expiresOn() + "; ask for a new one.").toException();
    }

    private static RuntimeException unsupported(String code, String param, String message) {
        return Problem.invalid(code, param, message).toException();
    }
}
