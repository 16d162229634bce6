package dev.till.core.ledger;

import dev.till.domain.ledger.Pricing;
import org.jdbi.v3.core.Handle;

/** Per-merchant pricing; a merchant without a row pays {@link Pricing#DEFAULT}. Thread-safe. */
public final class MerchantPricing {
    public Pricing of(Handle tx, String merchantId) {
        return new PricingStore(tx).find(merchantId).orElse(Pricing.DEFAULT);
    }

    public void set(Handle tx, String merchantId, Pricing p) {
        new PricingStore(tx).save(merchantId, p.captureFeeBps(), p.captureFeeFixed(), p.payoutFeeBps(), p.payoutFeeFixed());
    }
}
