package dev.till.domain;

import java.util.List;

/**
 * Everything that can go wrong in a request, in the domain's words. The HTTP layer turns the
 * {@link Kind} into a status through one table; dialects translate from that table too.
 *
 * @param codes   snake_case codes, one per problem found (e.g. {@code email_invalid})
 * @param message what was attempted, what state the object was in and what was expected
 * @param param   the request field at fault, when there is exactly one
 */
public record Problem(Kind kind, List<String> codes, String message, String param) {

    public enum Kind {
        MALFORMED,        // the request could not be read at all
        UNAUTHENTICATED,  // no key, or a key that is not ours for this route
        ACTION_NOT_ALLOWED, // the object's state forbids the action
        NOT_FOUND,        // unknown route or object, including another merchant's
        CONFLICT,         // a concurrent or contradictory request
        TOO_LARGE,
        INVALID,          // well-formed but wrong: one code per problem
        RATE_LIMITED,
        UNAVAILABLE,      // a dependency (database, connector) could not answer
        BUG
    }

    public Problem {
        codes = List.copyOf(codes);
    }

    public static Problem invalid(String code, String param, String message) {
        return new Problem(Kind.INVALID, List.of(code), message, param);
    }

    public static Problem notFound(String what, String id) {
        return new Problem(Kind.NOT_FOUND, List.of(what + "_not_found"), "No " + what + " with id " + id + ".", null);
    }

    public static Problem notAllowed(String code, String message) {
        return new Problem(Kind.ACTION_NOT_ALLOWED, List.of(code), message, null);
    }

    public static Problem conflict(String code, String message) {
        return new Problem(Kind.CONFLICT, List.of(code), message, null);
    }

    public ProblemException toException() {
        return new ProblemException(this);
    }
}
