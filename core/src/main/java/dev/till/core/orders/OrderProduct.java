package dev.till.core.orders;

/** One line of an order: {@code unitPrice} in minor units, times {@code quantity}. */
public record OrderProduct(int position, String title, long unitPrice, int quantity) {
    public long total() {
        return Math.multiplyExact(unitPrice, (long) quantity);
    }
}
