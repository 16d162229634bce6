package dev.till.core.orders;

/** A merchant's order defaults, used when an order leaves the field out. */
public record OrderSettings(String successRedirect, String inProgressRedirect, String failureRedirect,
                            boolean expireOnDueDate) {
    public static final OrderSettings NONE = new OrderSettings(null, null, null, false);
}
