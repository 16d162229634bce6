package dev.till.http.webhooks;

import dev.till.core.webhooks.EndpointDraft;
import dev.till.core.webhooks.WebhookSender;
import dev.till.domain.Validation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks an endpoint's fields, shared by the native API and the dialects. The URL's address is
 * checked later, by the use case, because whether plain http is allowed depends on the merchant.
 */
public final class EndpointValidation {
    /** An event type, or a prefix ending in {@code *} ({@code payment_*}, {@code order.*}). */
    private static final Pattern EVENT_TYPE = Pattern.compile("^[a-z][a-z0-9_.]{0,99}\\*?$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
    /** Headers the transport or the signature owns: a merchant cannot set or fake them. */
    private static final Set<String> RESERVED = Stream.concat(WebhookSender.OWN_HEADERS.stream(), Stream.of("cko-signature"))
            .collect(Collectors.toUnmodifiableSet());
    static final int MAX_TYPES = 100;
    static final int MAX_HEADERS = 20;

    private EndpointValidation() {}

    public static EndpointDraft draft(String url, List<String> eventTypes, Boolean active, Map<String, String> headers,
                                      boolean creating) {
        Validation v = new Validation();
        if (creating) v.check(url != null, "url_required", "url", "url is required.");
        if (eventTypes != null) {
            v.check(eventTypes.size() <= MAX_TYPES, "event_types_invalid", "event_types", "At most " + MAX_TYPES + " event types.");
            for (String t : eventTypes) {
                if (t == null || !EVENT_TYPE.matcher(t).matches()) {
                    v.fail("event_type_invalid", "event_types", "Event types look like payment_captured, order.paid or payment_*.");
                    break;
                }
            }
        }
        if (headers != null) {
            v.check(headers.size() <= MAX_HEADERS, "headers_invalid", "headers", "At most " + MAX_HEADERS + " custom headers.");
            for (var h : headers.entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                boolean ok = HEADER_NAME.matcher(h.getKey()).matches() && !RESERVED.contains(name)
                        && !name.startsWith("webhook-") && !name.startsWith("proxy-")
                        && h.getValue() != null && h.getValue().length() <= 1024 && h.getValue().chars().noneMatch(c -> c < 0x20 || c == 0x7f);
                if (!ok) {
                    v.fail("header_invalid", "headers." + h.getKey(),
                            "Custom headers need a plain name that Till does not set itself and a one-line value up to 1024 characters.");
                    break;
                }
            }
        }
        v.throwIfInvalid();
        return new EndpointDraft(url, eventTypes == null ? null : List.copyOf(eventTypes), active,
                headers == null ? null : Map.copyOf(headers));
    }
}
