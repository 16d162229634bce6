package dev.till.core.paging;

import dev.till.domain.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * An opaque position in a newest-first list: the (created_on, id) of the last item returned.
 * Stable under inserts, unlike offsets.
 */
public record Cursor(Instant createdOn, String id) {

    /** Where a list starts when no cursor was given: after everything. */
    public static final Cursor START = new Cursor(Instant.parse("9999-12-31T23:59:59Z"), "~");

    public String encode() {
        String raw = createdOn.getEpochSecond() + "." + createdOn.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decodeOrStart(Optional<String> text) {
        if (text.isEmpty() || text.get().isBlank()) return START;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text.get()), StandardCharsets.UTF_8).split("\\.", 3);
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        } catch (RuntimeException bad) {
            throw Problem.invalid("cursor_invalid", "cursor", "The cursor is not one this API returned.").toException();
        }
    }
}
