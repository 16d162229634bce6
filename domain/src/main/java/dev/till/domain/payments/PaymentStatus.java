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

    /** Whether the cardholder's money is still held or taken: what releasing a payment has to undo. */
    public boolean holdsMoney() {
        return switch (this) {
            case AUTHORIZED, PARTIALLY_CAPTURED, CAPTURED, PARTIALLY_REFUNDED -> true;
            case PENDING, CARD_VERIFIED, DECLINED, VOIDED, REFUNDED, CANCELED, EXPIRED -> false;
        };
    }

    public static PaymentStatus fromWire(String wire) {
        for (PaymentStatus s : values()) if (s.wire.equals(wire)) return s;
        throw new IllegalArgumentException("unknown payment status: " + wire);
    }
}
