package dev.till.domain.links;

/** A payment link's status, spelled on the wire in lower case. Only {@code active} can be paid. */
public enum LinkStatus {
    ACTIVE, COMPLETED, CANCELED, EXPIRED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static LinkStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
