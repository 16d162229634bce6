package dev.till.http;

import dev.till.domain.Ids;
import dev.till.domain.Problem;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests Jetty refuses before Javalin sees them (an illegal path such as
 * {@code /payments/pay_%00} or {@code %zz}, an illegal header, a request line or headers that are
 * too long) with Till's one error shape instead of Jetty's HTML page, keeping the status Jetty
 * chose. Jetty still decides what to refuse; only the body changes. Installed as the server's
 * error handler, which Jetty calls only for requests no context took: everything Javalin routes
 * is answered by the pipeline in {@link TillApi}.
 *
 * <p>JSON also for the hosted pages ({@code /pay/…}, {@code /links/…}, {@code /3ds/…}): a path Jetty
 * cannot parse reaches this handler as {@code BAD /badMessage}, so the page it was meant for is
 * unknown, and the URLs of those pages are minted by Till and never hold such encodings. A browser
 * shows the JSON as readable text.
 *
 * <p>Thread-safe: it holds only {@link Ids} and {@link RequestTimers}, which are.
 */
final class JettyRejections implements Request.Handler {
    private static final Logger accessLog = LoggerFactory.getLogger("till.access");

    private final Ids ids;
    private final RequestTimers timers;

    JettyRejections(Ids ids, RequestTimers timers) {
        this.ids = ids;
        this.timers = timers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Throwable cause = (Throwable) request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException e) {
            status = e.getCode();
            response.setStatus(status);
        }
        String requestId = "req_" + ids.randomBase32(20);
        // Jetty names a request whose request line it could not read "BAD /badMessage".
        boolean requestLine = "BAD".equals(request.getMethod());
        accessLog.info("{} - {} rejected {} -", requestId, requestLine ? "-" : request.getMethod(), status);
        timers.record(request.getMethod(), "rejected", status, System.nanoTime() - request.getBeginNanoTime());
        response.getHeaders().put("Cko-Request-Id", requestId);
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        int limit = request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize();
        Problem problem = problem(status, requestLine, pathRefused(request, requestLine, cause), limit);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Replies.JSON);
        response.write(true, ByteBuffer.wrap(Json.bytes(ApiErrors.body(requestId, problem))), callback);
        return true;
    }

    /**
     * Whether Jetty refused the path: HttpURI could not parse the request line's target (an illegal
     * character, which %00 decodes to, or a broken escape such as %zz), or parsed it and found a
     * violation the URI compliance mode forbids (bad UTF-8 such as %ff, {@code /..;/}).
     */
    private static boolean pathRefused(Request request, boolean requestLine, Throwable cause) {
        if (requestLine) return cause != null && cause.getCause() instanceof IllegalArgumentException;
        HttpURI uri = request.getHttpURI();
        if (uri == null) return false;
        UriCompliance mode = request.getConnectionMetaData().getHttpConfiguration().getUriCompliance();
        return UriCompliance.checkUriCompliance(mode, uri, null) != null || uri.getPath() == null || !uri.getPath().startsWith("/");
    }

    /**
     * What went wrong, in the words of {@link ApiErrors}; the status stays Jetty's, which for 414,
     * 431 and 505 is none the table gives. Jetty's reason is not repeated: it may quote the request.
     */
    private static Problem problem(int status, boolean requestLine, boolean pathRefused, int limit) {
        return switch (status) {
            case 400 -> {
                if (pathRefused) {
                    yield ApiErrors.malformed("path_invalid", "The request path holds a character or percent-encoding that is"
                            + " not allowed (such as %00, %zz or bad UTF-8), or climbs above the root with '..'.", null);
                }
                if (requestLine) {
                    yield ApiErrors.malformed("request_malformed", "The request line could not be read; send METHOD /path HTTP/1.1.", null);
                }
                yield ApiErrors.malformed("header_invalid", "A request header could not be read: an illegal character in its"
                        + " name or value, no Host, or a Content-Length that is not one number.", null);
            }
            case 404 -> new Problem(Problem.Kind.NOT_FOUND, List.of("not_found"), "No such route.", null); // OPTIONS *, say
            case 414 -> new Problem(Problem.Kind.TOO_LARGE, List.of("uri_too_long"),
                    "The request line is longer than " + limit + " bytes.", null);
            case 431 -> new Problem(Problem.Kind.TOO_LARGE, List.of("headers_too_large"),
                    "The request headers are larger than " + limit + " bytes in all.", null);
            case 505 -> ApiErrors.malformed("http_version_unsupported", "Send HTTP/1.1 or HTTP/1.0.", null);
            case 503 -> new Problem(Problem.Kind.UNAVAILABLE, List.of("service_unavailable"), "The server cannot take requests now.", null);
            default -> status < 500
                    ? ApiErrors.malformed("request_malformed", "The request could not be read.", null)
                    : new Problem(Problem.Kind.BUG, List.of("internal_error"),
                            "Something went wrong on our side; the request id identifies it in our logs.", null);
        };
    }
}
