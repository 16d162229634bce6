package dev.till.processor;

/**
 * A card as sent to the network: the only place a plain card number travels. {@link #toString}
 * never shows the number or the security code, so a stray log line cannot leak them.
 *
 * @param cvv null when the merchant did not send one (stored-card payments)
 */
public record Card(String number, int expiryMonth, int expiryYear, String cvv) {
    public String bin() {
        return number.substring(0, 6);
    }

    public String last4() {
        return number.substring(number.length() - 4);
    }

    @Override
    public String toString() {
        return "Card[" + bin() + "…" + last4() + "]";
    }
}
