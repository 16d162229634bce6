package dev.till.domain.ledger;

/**
 * The ledger's accounts. Each exists once per merchant and currency. Balances are credit-normal
 * (credits minus debits): the merchant's own accounts are positive when Till owes the merchant,
 * and the counterparties (clearing, fees, chargebacks, test funding) mirror them.
 */
public enum Account {
    /** Captured, not yet settled. */
    MERCHANT_PENDING(true),
    /** Free to pay out or refund from. */
    MERCHANT_AVAILABLE(true),
    /** Held for payouts in flight. */
    MERCHANT_RESERVED(true),
    /** What Till earned from the merchant. */
    FEES(false),
    /** The card network's side of captures and refunds. */
    CARD_NETWORK_CLEARING(false),
    /** Money that left for beneficiaries' banks. */
    PAYOUT_CLEARING(false),
    /** Money taken back by disputes. */
    CHARGEBACKS(false),
    /**
     * What the merchant owes Till: the part of a chargeback its balances could not cover. The
     * network takes a chargeback whatever the merchant holds, so this one may go below zero.
     */
    MERCHANT_DEBT(false),
    /** Test mode only: where test credits come from. */
    TEST_FUNDING(false);

    private final boolean merchantOwned;

    Account(boolean merchantOwned) {
        this.merchantOwned = merchantOwned;
    }

    /** The merchant's own balances may never go below zero. */
    public boolean mustStayNonNegative() {
        return merchantOwned;
    }

    public String dbName() {
        return name().toLowerCase();
    }

    public static Account fromDb(String name) {
        return valueOf(name.toUpperCase());
    }
}
