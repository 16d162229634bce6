package dev.till.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem in a request before answering, so a merchant fixes them all in one
 * round trip. Not thread-safe: one per request.
 */
public final class Validation {
    private final List<String> codes = new ArrayList<>();
    private final List<String> params = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    public Validation check(boolean ok, String code, String param, String message) {
        if (!ok) fail(code, param, message);
        return this;
    }

    public Validation fail(String code, String param, String message) {
        codes.add(code);
        params.add(param);
        messages.add(message);
        return this;
    }

    public boolean ok() {
        return codes.isEmpty();
    }

    public void throwIfInvalid() {
        if (ok()) return;
        String param = params.size() == 1 ? params.getFirst() : null;
        throw new Problem(Problem.Kind.INVALID, codes, String.join(" ", messages), param).toException();
    }
}
