package dev.till.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.till.domain.Problem;
import java.util.List;

/**
 * The one table from a domain problem to the wire: status and {@code error_type}. Every failure
 * answers {@code {"request_id", "error_type", "error_codes", "message", "param"?}}. Dialects
 * translate from this table's output and never inspect exceptions. Requests Jetty refuses before
 * routing ({@link JettyRejections}) take their type from this table but keep Jetty's status
 * (400, 414, 431, 505).
 */
public final class ApiErrors {
    private ApiErrors() {}

    public record Shape(int status, String errorType) {}

    public static Shape shape(Problem.Kind kind) {
        return switch (kind) {
            case MALFORMED -> new Shape(400, "request_malformed");
            case UNAUTHENTICATED -> new Shape(401, "unauthorized");
            case ACTION_NOT_ALLOWED -> new Shape(403, "action_not_allowed");
            case NOT_FOUND -> new Shape(404, "not_found");
            case CONFLICT -> new Shape(409, "conflict");
            case TOO_LARGE -> new Shape(413, "request_too_large");
            case INVALID -> new Shape(422, "request_invalid");
            case RATE_LIMITED -> new Shape(429, "too_many_requests");
            case UNAVAILABLE -> new Shape(503, "service_unavailable");
            case BUG -> new Shape(500, "internal_error");
        };
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorJson(String requestId, String errorType, List<String> errorCodes, String message, String param) {}

    public static ErrorJson body(String requestId, Problem problem) {
        return new ErrorJson(requestId, shape(problem.kind()).errorType(), problem.codes(), problem.message(), problem.param());
    }

    public static Problem malformed(String code, String message, String param) {
        return new Problem(Problem.Kind.MALFORMED, List.of(code), message, param);
    }
}
