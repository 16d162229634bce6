package dev.till.domain.payments;

/** A payment's status, spelled exactly as Checkout.com's clients expect (they are case-sensitive). */
public enum PaymentStatus {
    PENDING("Pending"),
    AUTHORIZED("Authorized"),
    CARD_VERIFIED("Card Verified"),
    DECLINED("Declined"),
    VOIDED("Voided"),
    PARTIALLY_CAPTURED("Partially Captured"),
    CAPTURED("Captured"),
    PARTIALLY_REFUNDED("Partially Refunded"),
    REFUNDED("Refunded"),
    CANCELED("Canceled"),
    EXPIRED("Expired");

    private final String wire;

    PaymentStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static PaymentStatus fromWire(String wire) {
        for (PaymentStatus s : values()) if (s.wire.equals(wire)) return s;
        throw new IllegalArgumentException("unknown payment status: " + wire);
    }
}
