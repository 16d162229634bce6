package dev.till.http.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.customers.Customer;
import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentAction;
import dev.till.core.payments.PaymentSnapshot;
import dev.till.core.payments.PaymentView;
import dev.till.core.vault.StoredCard;
import dev.till.domain.payments.PaymentStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkout.com's payment wire shapes. Its SDK is strict in odd places (contract §2.8): every
 * {@code source} carries {@code type}, statuses are exact strings, {@code _links} is a map of
 * {@code {href}}, and a Pending payment has no {@code source} and no {@code approved}.
 */
public final class PaymentJson {
    private PaymentJson() {}

    public record SourceRequest(String type, String token, String id, String cvv, String number, Integer expiryMonth,
                                Integer expiryYear, String name, JsonNode billingAddress, JsonNode phone) {
        @Override
        public String toString() {
            return "SourceRequest[" + type + "]";
        }
    }

    public record CustomerRequest(String id, String email, String name) {}

    public record ThreeDsRequest(Boolean enabled) {}

    public record Request(SourceRequest source, Long amount, String currency, String reference, String description,
                          Boolean capture, CustomerRequest customer, JsonNode metadata,
                          @JsonProperty("3ds") ThreeDsRequest threeDs, String successUrl, String failureUrl,
                          String paymentType) {}

    public record Risk(boolean flagged) {}

    public record ThreeDs(boolean downgraded, String enrolled) {}

    public record Link(String href) {}

    public record Source(String type, String id, Integer expiryMonth, Integer expiryYear, String name, String scheme,
                         String last4, String fingerprint, String bin, String cardType, String cardCategory,
                         String issuer, String issuerCountry, String productId, String productType, String avsCheck,
                         String cvvCheck, @JsonRawValue String billingAddress, @JsonRawValue String phone) {}

    public record CustomerOut(String id, String email, String name) {}

    public record Response(String id, String actionId, long amount, String currency, Boolean approved, String status,
                           String authCode, String responseCode, String responseSummary, String requestedOn,
                           String processedOn, String expiresOn, String reference, String description,
                           String paymentType, @JsonProperty("3ds") ThreeDs threeDs, Risk risk, Source source,
                           CustomerOut customer, PaymentSnapshot.BalancesJson balances, String fundsAvailability,
                           @JsonRawValue String metadata, @JsonProperty("_links") Map<String, Link> links) {

        public static Response of(PaymentView v, String baseUrl) {
            Payment p = v.payment();
            PaymentStatus status = p.state();
            boolean pending = status == PaymentStatus.PENDING;
            StoredCard s = v.source();
            Customer c = v.customer();
            return new Response(p.id(), p.actionId(), p.amount(), p.currency(), p.approved(), p.status(), p.authCode(),
                    p.responseCode(), p.responseSummary(), text(p.requestedOn()), text(p.processedOn()), text(p.expiresOn()),
                    p.reference(), p.description(), p.paymentType(),
                    p.threeDsRequested() || p.challengeId() != null ? new ThreeDs(false, "Y") : null,
                    new Risk(p.riskFlagged()),
                    pending || s == null ? null : new Source("card", s.id(), s.expiryMonth(), s.expiryYear(), s.name(),
                            s.scheme(), s.last4(), s.fingerprintHex(), s.bin(), s.cardType(), s.cardCategory(), s.issuer(),
                            s.issuerCountry(), s.productId(), s.productType(), p.avsCheck(), p.cvvCheck(),
                            s.billingAddress(), s.phone()),
                    c == null ? null : new CustomerOut(c.id(), c.email(), c.name()),
                    PaymentSnapshot.BalancesJson.of(status, p.balances()), p.fundsAvailability(), p.metadata(),
                    links(v, baseUrl));
        }

        private static Map<String, Link> links(PaymentView v, String baseUrl) {
            Payment p = v.payment();
            String self = baseUrl + "/payments/" + p.id();
            Map<String, Link> links = new LinkedHashMap<>();
            links.put("self", new Link(self));
            links.put("actions", new Link(self + "/actions"));
            PaymentSnapshot.BalancesJson b = PaymentSnapshot.BalancesJson.of(p.state(), p.balances());
            if (b.availableToCapture() > 0) links.put("capture", new Link(self + "/captures"));
            if (b.availableToVoid() > 0) links.put("void", new Link(self + "/voids"));
            if (b.availableToRefund() > 0) links.put("refund", new Link(self + "/refunds"));
            if ("challenge".equals(p.awaiting())) {
                links.put("redirect", new Link(baseUrl + "/3ds/" + p.merchantId() + "/" + p.challengeId()));
            }
            return links;
        }
    }

    public record Action(String id, String type, String processedOn, long amount, boolean approved, String authCode,
                         String responseCode, String responseSummary, String reference, @JsonRawValue String metadata) {
        public static Action of(PaymentAction a) {
            return new Action(a.id(), a.type(), a.processedOn().toString(), a.amount(), a.approved(), a.authCode(),
                    a.responseCode(), a.responseSummary(), a.reference(), a.metadata());
        }
    }

    public record ActionRequest(Long amount, String captureType, String reference, JsonNode metadata) {}

    public record Accepted(String actionId, String reference, @JsonProperty("_links") Map<String, Link> links) {}

    /** A capture's links: {@code receipt} is always present, null when no order owns the payment (Payer's rule). */
    public record CaptureLinks(Link payment, @JsonInclude(JsonInclude.Include.ALWAYS) Link receipt) {}

    public record CaptureAccepted(String actionId, String reference, @JsonProperty("_links") CaptureLinks links) {}

    public record ListResponse(int limit, int skip, int totalCount, List<Response> data) {}

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
