package dev.till.processor.simulator;

import dev.till.processor.CardProduct;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's test cards and BIN table. The first four are Checkout.com's sandbox cards, so
 * merchant test suites stay portable; the rest drive the scenarios Checkout.com's sandbox has no
 * card for. Nothing outside this package knows a test card: {@code docs/test-cards.md} is
 * generated from {@link #ALL}.
 */
public final class TestCards {
    private TestCards() {}

    public static final List<TestCard> ALL = List.of(
            new TestCard("4242424242424242", "Visa", "100", Behaviour.APPROVE),
            new TestCard("4543474002249996", "Visa", "956", Behaviour.APPROVE),
            new TestCard("5436031030606378", "Mastercard", "257", Behaviour.APPROVE),
            new TestCard("345678901234564", "Amex", "1051", Behaviour.APPROVE),
            new TestCard("4000000000000077", "Visa", "100", Behaviour.IMMEDIATE_FUNDS),
            new TestCard("4000000000003220", "Visa", "100", Behaviour.THREE_DS_REQUIRED),
            new TestCard("4000000000003238", "Visa", "100", Behaviour.THREE_DS_UNANSWERED),
            new TestCard("4000000000003246", "Visa", "100", Behaviour.THREE_DS_APPROVED_UNHEARD),
            new TestCard("4000000000003121", "Visa", "100", Behaviour.THREE_DS_REFUND_DECLINED),
            new TestCard("4000000000003014", "Visa", "100", Behaviour.AVS_FAIL),
            new TestCard("4000000000003022", "Visa", "100", Behaviour.CVV_FAIL),
            new TestCard("4000000000003030", "Visa", "100", Behaviour.RISK_FLAGGED),
            new TestCard("4000000000003048", "Visa", "100", Behaviour.SLOW),
            new TestCard("4000000000003055", "Visa", "100", Behaviour.TIMEOUT_APPROVED),
            new TestCard("4000000000003063", "Visa", "100", Behaviour.TIMEOUT_LOST),
            new TestCard("4000000000003089", "Visa", "100", Behaviour.TIMEOUT_UNANSWERED),
            new TestCard("4000000000003113", "Visa", "100", Behaviour.CONNECTION_RESET),
            new TestCard("4000000000003071", "Visa", "100", Behaviour.REFUND_DECLINED),
            new TestCard("4000000000003105", "Visa", "100", Behaviour.CAPTURE_AND_VOID_DECLINED),
            new TestCard("4000000000003097", "Visa", "100", Behaviour.TIMEOUT_APPROVED_REFUND_DECLINED));

    private static final Map<String, CardProduct> BINS = Map.of(
            "424242", new CardProduct("Visa", "Credit", "Consumer", "JPMORGAN CHASE BANK NA", "US", "A", "Visa Traditional"),
            "454347", new CardProduct("Visa", "Debit", "Consumer", "BARCLAYS BANK PLC", "GB", "F", "Visa Classic"),
            "543603", new CardProduct("Mastercard", "Credit", "Consumer", "CITIBANK N.A.", "US", "MCS", "Standard Mastercard"),
            "345678", new CardProduct("Amex", "Credit", "Consumer", "AMERICAN EXPRESS", "US", "AX", "American Express Green"),
            "400000", new CardProduct("Visa", "Debit", "Consumer", "TILL SIMULATED BANK", "US", "F", "Visa Classic"));

    public static Behaviour behaviourOf(String number) {
        return ALL.stream().filter(c -> c.number().equals(number)).map(TestCard::behaviour).findFirst().orElse(Behaviour.APPROVE);
    }

    public static Optional<CardProduct> product(String number) {
        return number.length() < 6 ? Optional.empty() : Optional.ofNullable(BINS.get(number.substring(0, 6)));
    }
}
