package dev.till.core.idempotency;

/** A response as it went out, kept so that a retry can be answered byte for byte. */
public record StoredResponse(int status, byte[] body, boolean replayed) {
    public static StoredResponse of(int status, byte[] body) {
        return new StoredResponse(status, body, false);
    }
}
