package dev.till.core.links;

import dev.till.core.payments.CustomerRef;
import dev.till.domain.CurrencyCode;
import java.time.Duration;
import java.util.List;

/**
 * A validated request for a payment link. {@code metadata} is JSON text or null;
 * {@code frameAncestors} are origins such as {@code https://shop.example} allowed to embed the widget.
 */
public record LinkDraft(long amount, CurrencyCode currency, String reference, String description, CustomerRef customer,
                        String backToShopUrl, boolean capture, Duration expiresIn, String metadata,
                        List<String> frameAncestors) {
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(31);
}
