package dev.till.core.merchants;

/** Secret keys authenticate server calls; publishable keys only the browser-facing endpoints. */
public enum KeyKind {
    SECRET("sk_"), PUBLISHABLE("pk_");

    public final String prefix;

    KeyKind(String prefix) {
        this.prefix = prefix;
    }

    public String dbValue() {
        return name().toLowerCase();
    }
}
