package dev.till.http.dialects.april;

import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.http.ApiErrors;
import dev.till.http.Caller;
import dev.till.http.Replies;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * April's error shape, {@code {"statusCode","errorCode","message","tracer","detail",
 * "errorTypeDescription"}}, translated from the foundation's one table ({@link ApiErrors}): the
 * status comes from there, the code is the problem's first code, and {@code tracer} is the
 * request id. Card declines are not problems (the attempt is committed); {@link #declined} shapes them.
 */
public final class AprilErrors {
    private AprilErrors() {}

    public static AprilJson.Error body(String requestId, Problem problem) {
        int status = ApiErrors.shape(problem.kind()).status();
        String detail = problem.param() != null ? problem.param() + ": " + String.join(", ", problem.codes())
                : String.join(", ", problem.codes());
        return new AprilJson.Error(status, problem.codes().getFirst(), problem.message(), requestId, detail, description(status));
    }

    /** A declined card: 400 with April's decline code and the network's wording as the detail. */
    public static AprilJson.Error declined(String requestId, String responseCode, String responseSummary) {
        return new AprilJson.Error(400, declineCode(responseCode),
                "Error encountered trying to process this transaction with the payment gateway", requestId,
                responseSummary == null ? "Declined" : responseSummary, description(400));
    }

    /** The network declined a refund; the transaction is left refund_failed and may be retried. */
    public static AprilJson.Error refundDeclined(String requestId) {
        return new AprilJson.Error(400, "refund_declined", "Error encountered trying to refund this transaction with the payment gateway",
                requestId, "Refund declined by the card network", description(400));
    }

    /** Runs an April handler, answering any domain problem in April's shape. */
    static Handler translating(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (ProblemException e) {
                render(ctx, e.problem());
            }
        };
    }

    static void render(Context ctx, Problem problem) {
        AprilJson.Error body = body(Caller.requestId(ctx), problem);
        if (body.statusCode() == 429) ctx.header("Retry-After", "1");
        Replies.json(ctx, body.statusCode(), body);
    }

    /** Checkout.com-style network response codes (what the simulator answers) to April's error codes. */
    static String declineCode(String responseCode) {
        if (responseCode == null) return "card_declined";
        return switch (responseCode) {
            case "20005" -> "do_not_honor";
            case "20051" -> "insufficient_funds";
            case "20054", "30033" -> "expired_card";
            case "20014" -> "invalid_card_number";
            case "20087", "20082" -> "invalid_cvc";
            case "20059", "20062", "30004", "30007", "30041", "30043" -> "card_declined_fraud";
            case "20151", "20150" -> "authentication_failed";
            case "20061", "20065" -> "withdrawal_limit_exceeded";
            default -> "card_declined";
        };
    }

    private static String description(int status) {
        return switch (status / 100) {
            case 4 -> switch (status) {
                case 401 -> "The request lacks valid authentication credentials for the target resource.";
                case 403 -> "The server understood the request but refuses to fulfil it in the resource's current state.";
                case 404 -> "The server cannot find the requested resource.";
                case 409 -> "The request conflicts with the current state of the target resource.";
                case 429 -> "Too many requests in a given amount of time.";
                default -> "The server is unable to process the request due to client error. Most common reasons are a malformed request syntax or values.";
            };
            default -> "The server encountered an unexpected condition that prevented it from fulfilling the request.";
        };
    }
}
