package dev.till.http.orders;

import dev.till.core.orders.OrderDraft;
import dev.till.core.orders.OrderProduct;
import dev.till.core.orders.OrderSettings;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Money;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.domain.Validation;
import dev.till.http.Validate;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates order requests. Seed 001 answers invalid order data with 400, so every problem found
 * here is reported as {@code request_malformed} (400) with one code per problem, naming the field.
 */
final class OrderRequests {
    static final int MAX_PRODUCTS = 100;

    private OrderRequests() {}

    /** Re-kinds a problem to seed 001's 400, keeping its codes, message and field. */
    static ProblemException badRequest(Problem p) {
        return new Problem(Problem.Kind.MALFORMED, p.codes(), p.message(), p.param()).toException();
    }

    static void throwIfInvalid(Validation v) {
        try {
            v.throwIfInvalid();
        } catch (ProblemException e) {
            throw badRequest(e.problem());
        }
    }

    static OrderDraft draft(OrderJson.Request r, Clock clock, String defaultCurrency) {
        Validation v = new Validation();
        OrderJson.Client client = r.client();
        v.check(client != null && client.email() != null, "client_email_required", "client.email", "client.email is required.");
        if (client != null && client.email() != null) {
            v.check(Validate.email(client.email()), "client_email_invalid", "client.email", "client.email is not a valid address.");
        }
        if (client != null) {
            v.check(client.name() == null || client.name().length() <= 255, "client_name_invalid", "client.name", "client.name may be at most 255 characters.");
            v.check(client.phone() == null || client.phone().matches("[0-9 ()+\\-]{6,25}"), "client_phone_invalid", "client.phone", "client.phone must be 6 to 25 digits, spaces or dashes.");
        }
        Optional<CurrencyCode> currency = CurrencyCode.parse(r.currency() != null ? r.currency() : defaultCurrency);
        v.check(currency.isPresent(), "currency_invalid", "currency", "currency must be an ISO 4217 code such as USD.");
        List<OrderProduct> products = products(r.products(), currency, v);
        if (products != null && currency.isPresent() && v.ok()) {
            long total = 0;
            try {
                for (OrderProduct p : products) total = Math.addExact(total, p.total());
            } catch (ArithmeticException overflow) {
                total = -1;
            }
            v.check(total > 0 && total <= Money.MAX_MINOR, "amount_invalid", "products",
                    "The order total must be more than zero and at most " + Money.MAX_MINOR + " minor units.");
        }
        Instant dueDate = dueDate(r.dueDate(), clock, v);
        v.check(r.maxPaymentAttempts() == null || (r.maxPaymentAttempts() >= 1 && r.maxPaymentAttempts() <= 100),
                "max_payment_attempts_invalid", "max_payment_attempts", "max_payment_attempts must be from 1 to 100.");
        v.check(r.description() == null || r.description().length() <= 1000, "description_invalid", "description", "description may be at most 1000 characters.");
        v.check(r.reference() == null || r.reference().length() <= 255, "reference_invalid", "reference", "reference may be at most 255 characters.");
        Validate.metadata(v, r.metadata());
        redirect(v, r.successRedirect(), "success_redirect");
        redirect(v, r.inProgressRedirect(), "in_progress_redirect");
        redirect(v, r.failureRedirect(), "failure_redirect");
        throwIfInvalid(v);
        return new OrderDraft(client.email(), client.name(), client.phone(), products, currency.orElseThrow().code(),
                r.description(), r.reference(), Validate.text(r.metadata()), dueDate, r.expireOnDueDate(),
                r.maxPaymentAttempts(), r.capture() == null || r.capture(), r.successRedirect(), r.inProgressRedirect(),
                r.failureRedirect());
    }

    private static List<OrderProduct> products(List<OrderJson.Product> given, Optional<CurrencyCode> currency, Validation v) {
        if (given == null || given.isEmpty()) {
            v.fail("products_required", "products", "products must list at least one product.");
            return null;
        }
        if (given.size() > MAX_PRODUCTS) {
            v.fail("products_invalid", "products", "An order may list at most " + MAX_PRODUCTS + " products.");
            return null;
        }
        List<OrderProduct> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            OrderJson.Product p = given.get(i);
            String at = "products[" + i + "]";
            if (p == null) {
                v.fail("product_invalid", at, at + " must be an object.");
                continue;
            }
            v.check(p.title() != null && !p.title().isBlank() && p.title().length() <= 255,
                    "product_title_invalid", at + ".title", at + ".title is required (at most 255 characters).");
            int quantity = p.quantity() == null ? 1 : p.quantity();
            v.check(quantity >= 1 && quantity <= 10_000, "product_quantity_invalid", at + ".quantity", at + ".quantity must be from 1 to 10000.");
            Optional<Long> minor = Optional.empty();
            if (p.price() == null) v.fail("product_price_required", at + ".price", at + ".price is required.");
            else if (currency.isPresent()) {
                minor = currency.get().toMinor(p.price());
                v.check(minor.isPresent(), "product_price_invalid", at + ".price",
                        at + ".price has more decimals than " + currency.get().code() + " allows (" + currency.get().exponent() + ").");
            }
            if (minor.isPresent()) out.add(new OrderProduct(i, p.title(), minor.get(), quantity));
        }
        return out;
    }

    private static Instant dueDate(String raw, Clock clock, Validation v) {
        if (raw == null) return null;
        try {
            Instant due = OffsetDateTime.parse(raw).toInstant();
            v.check(due.isAfter(clock.instant()), "due_date_invalid", "due_date", "due_date must be in the future.");
            return due;
        } catch (DateTimeParseException e) {
            v.fail("due_date_invalid", "due_date", "due_date must be an ISO-8601 date-time with an offset, such as 2026-02-01T12:00:00Z.");
            return null;
        }
    }

    static void redirect(Validation v, String url, String field) {
        if (url == null) return;
        boolean ok;
        try {
            URI uri = URI.create(url);
            ok = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null && url.length() <= 2000;
        } catch (IllegalArgumentException bad) {
            ok = false;
        }
        v.check(ok, field + "_invalid", field, field + " must be an absolute http or https URL.");
    }

    static OrderSettings settings(OrderJson.Settings s) {
        Validation v = new Validation();
        redirect(v, s.successRedirect(), "success_redirect");
        redirect(v, s.inProgressRedirect(), "in_progress_redirect");
        redirect(v, s.failureRedirect(), "failure_redirect");
        throwIfInvalid(v);
        return new OrderSettings(s.successRedirect(), s.inProgressRedirect(), s.failureRedirect(),
                s.expireOnDueDate() != null && s.expireOnDueDate());
    }
}
