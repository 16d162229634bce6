package dev.till.http.links;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.links.PaymentLink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wire shapes of {@code /payment-links}. */
public final class PaymentLinkJson {
    private PaymentLinkJson() {}

    public record CustomerRequest(String id, String email, String name) {}

    /** {@code expires_in} is in seconds. */
    public record Request(Long amount, String currency, String reference, String description, CustomerRequest customer,
                          String backToShopUrl, Boolean capture, Long expiresIn, JsonNode metadata,
                          List<String> frameAncestors) {}

    public record Link(String href) {}

    public record Response(String id, String paymentId, String url, String status, long amount, String currency,
                           String reference, String description, @JsonRawValue String customer, String backToShopUrl,
                           boolean capture, String createdOn, String expiresOn, @JsonRawValue String frameAncestors,
                           @JsonRawValue String metadata, @JsonProperty("_links") Map<String, Link> links) {

        public static Response of(PaymentLink l, String baseUrl) {
            String self = baseUrl + "/payment-links/" + l.id();
            Map<String, Link> links = new LinkedHashMap<>();
            links.put("self", new Link(self));
            links.put("payment", new Link(baseUrl + "/payments/" + l.paymentId()));
            links.put("widget", new Link(widgetUrl(baseUrl, l)));
            switch (l.state()) {
                case ACTIVE -> links.put("cancel", new Link(self + "/cancel"));
                case COMPLETED -> links.put("capture", new Link(self + "/captures"));
                case CANCELED, EXPIRED -> { }
            }
            return new Response(l.id(), l.paymentId(), widgetUrl(baseUrl, l), l.status(), l.amount(), l.currency(),
                    l.reference(), l.description(), l.customer(), l.backToShopUrl(), l.capture(), l.createdOn().toString(),
                    l.expiresOn().toString(), l.frameAncestors(), l.metadata(), links);
        }
    }

    static String widgetUrl(String baseUrl, PaymentLink l) {
        return baseUrl + "/links/" + l.merchantId() + "/" + l.id();
    }

    public record ListResponse(List<Response> data, boolean hasMore, String nextCursor) {}

    public record CaptureRequest(Long amount, String reference) {}

    /**
     * Payer's capture answer. The receipt links exist only for a payment tied to an order; a
     * payment link's payment never is, so they are always present and always {@code null}.
     */
    public record CaptureLinks(Link payment, Link paymentLink,
                               @JsonInclude(JsonInclude.Include.ALWAYS) Link receipt,
                               @JsonInclude(JsonInclude.Include.ALWAYS) Link receiptPdf) {}

    public record CaptureResponse(String actionId, String paymentId, boolean approved, long amount, String status,
                                  String reference, @JsonProperty("_links") CaptureLinks links) {}
}
