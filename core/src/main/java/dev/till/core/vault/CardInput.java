package dev.till.core.vault;

/**
 * Card details as a merchant or browser sent them. {@link #toString} hides the number and CVV.
 *
 * @param billingAddress JSON text or null
 * @param phone          JSON text or null
 */
public record CardInput(String number, Integer expiryMonth, Integer expiryYear, String cvv, String name,
                        String billingAddress, String phone) {
    @Override
    public String toString() {
        return "CardInput[redacted]";
    }
}
