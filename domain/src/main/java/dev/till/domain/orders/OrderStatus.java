package dev.till.domain.orders;

import java.util.Optional;

/** Every order status of seed 001, spelled as on the wire. {@link OrderMachine} says how they connect. */
public enum OrderStatus {
    ISSUED, VIEWED, IN_PROGRESS, PAID, FAILED, HOLD, OVERDUE, EXPIRED, CANCELLED, REJECTED, RECEIVED,
    REFUNDED, REVERSED, REFUND_INITIATED, REFUND_FAILED, REFUND_REVERSED, REVERSAL_INITIATED, REVERSAL_FAILED,
    CHARGEBACK, REPRESENTATION, RETRIEVAL, PRE_ARBITRATION, ARBITRATION, PRE_COMPLIANCE, COMPLIANCE, GOOD_FAITH,
    FRAUD_ADVICE,
    /** A payout order; payouts are not built yet, so nothing enters this status. */
    CREATED,
    /** Seed 001's marker for a test order; Till marks test mode on the merchant instead, so nothing enters it. */
    TEST;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<OrderStatus> fromWire(String wire) {
        for (OrderStatus s : values()) if (s.wire().equals(wire)) return Optional.of(s);
        return Optional.empty();
    }

    /** A customer may start a payment attempt. Failed is not final: the order stays payable. */
    public boolean payable() {
        return this == ISSUED || this == VIEWED || this == FAILED || this == OVERDUE;
    }

    /** The card network's dispute stages, entered only through the network (or its test-mode trigger). */
    public boolean dispute() {
        return switch (this) {
            case CHARGEBACK, REPRESENTATION, RETRIEVAL, PRE_ARBITRATION, ARBITRATION, PRE_COMPLIANCE, COMPLIANCE,
                 GOOD_FAITH, FRAUD_ADVICE -> true;
            default -> false;
        };
    }
}
