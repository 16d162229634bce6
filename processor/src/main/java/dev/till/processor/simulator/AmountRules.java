package dev.till.processor.simulator;

import java.util.List;
import java.util.Optional;

/**
 * Checkout.com's sandbox response-code table: the last digits of the amount pick a decline, for
 * currencies with two decimals. Copied so that merchant test suites behave the same on Till.
 */
public final class AmountRules {
    private AmountRules() {}

    /** @param exact the whole amount must equal {@code digits}; otherwise it must end with them */
    public record Rule(String digits, boolean exact, String responseCode, String summary) {
        boolean matches(long amount) {
            String a = Long.toString(amount);
            return exact ? a.equals(digits) : a.length() > digits.length() && a.endsWith(digits);
        }
    }

    public static final List<Rule> ALL = List.of(
            new Rule("9998", true, "20068", "Response received too late / timeout"),
            new Rule("4001", true, "40101", "Payment blocked due to risk"),
            new Rule("4008", true, "40108", "Gateway reject - Post code failed"),
            new Rule("05", false, "20005", "Declined - Do not honour"),
            new Rule("12", false, "20012", "Invalid payment"),
            new Rule("14", false, "20014", "Invalid card number"),
            new Rule("51", false, "20051", "Insufficient funds"),
            new Rule("54", false, "20087", "Bad track data"),
            new Rule("62", false, "20062", "Restricted card"),
            new Rule("63", false, "20063", "Security violation"),
            new Rule("33", false, "30033", "Expired card - Pick up"));

    public static Optional<Rule> declineFor(long amount, String currency) {
        if (amount == 0 || !twoDecimals(currency)) return Optional.empty();
        return ALL.stream().filter(r -> r.matches(amount)).findFirst();
    }

    private static boolean twoDecimals(String currency) {
        try {
            return java.util.Currency.getInstance(currency).getDefaultFractionDigits() == 2;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
