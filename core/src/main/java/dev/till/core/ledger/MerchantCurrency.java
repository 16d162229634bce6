package dev.till.core.ledger;

/** A merchant's balances in one currency: the unit of the overdraft lock and of folding. */
public record MerchantCurrency(String merchantId, String currency) {

    /** The advisory-lock number; a collision only makes two pairs wait for each other. */
    long lockId() {
        return ((long) "ledger".hashCode() << 32) ^ ((long) merchantId.hashCode() * 31 + currency.hashCode());
    }
}
