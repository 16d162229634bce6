package dev.till.http.links;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The widget's HTML, rendered on the server with every dynamic value escaped. No script at all:
 * errors are announced by an autofocused {@code role="alert"} summary, each field names its own
 * error through {@code aria-describedby}, and the pages work by keyboard alone.
 */
final class WidgetPages {
    private WidgetPages() {}

    /** Form field name to its label, in the order the form asks for them. */
    static final Map<String, String> FIELDS = fields();

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("number", "Card number");
        f.put("expiry_month", "Expiry month (MM)");
        f.put("expiry_year", "Expiry year (YYYY)");
        f.put("cvv", "Security code (CVV)");
        f.put("name", "Name on card (optional)");
        return f;
    }

    static String form(WidgetPage p) {
        StringBuilder body = new StringBuilder();
        body.append(header(p));
        if (!p.fieldErrors().isEmpty() || p.generalError() != null) {
            body.append("<div id=\"errors\" class=\"errors\" role=\"alert\" tabindex=\"-1\" autofocus>");
            body.append("<h2>Please check the payment</h2><ul>");
            if (p.generalError() != null) body.append("<li>").append(escape(p.generalError())).append("</li>");
            p.fieldErrors().forEach((field, message) -> body.append("<li><a href=\"#").append(id(field)).append("\">")
                    .append(escape(message)).append("</a></li>"));
            body.append("</ul></div>");
        }
        body.append("<form method=\"post\" novalidate>");
        FIELDS.forEach((field, label) -> body.append(field(field, label, p)));
        body.append("<button id=\"pay\" type=\"submit\">Pay ").append(escape(p.amount())).append("</button></form>");
        body.append(back(p.backToShopUrl(), "Back to shop"));
        return page("Pay " + p.merchant(), body.toString());
    }

    private static String field(String field, String label, WidgetPage p) {
        String id = id(field);
        String error = p.fieldErrors().get(field);
        String value = p.values().getOrDefault(field, "");
        String attrs = switch (field) {
            case "number" -> "autocomplete=\"cc-number\" inputmode=\"numeric\" maxlength=\"23\" required";
            case "expiry_month" -> "autocomplete=\"cc-exp-month\" inputmode=\"numeric\" maxlength=\"2\" placeholder=\"MM\" required";
            case "expiry_year" -> "autocomplete=\"cc-exp-year\" inputmode=\"numeric\" maxlength=\"4\" placeholder=\"YYYY\" required";
            case "cvv" -> "autocomplete=\"cc-csc\" inputmode=\"numeric\" maxlength=\"4\" required";
            default -> "autocomplete=\"cc-name\" maxlength=\"255\"";
        };
        StringBuilder out = new StringBuilder("<div class=\"field " + id + "\"><label for=\"" + id + "\">" + escape(label) + "</label>");
        if (error != null) out.append("<p class=\"error\" id=\"").append(id).append("-error\">").append(escape(error)).append("</p>");
        out.append("<input id=\"").append(id).append("\" name=\"").append(field).append("\" type=\"text\" ").append(attrs)
                .append(" value=\"").append(escape(value)).append("\"");
        if (error != null) out.append(" aria-invalid=\"true\" aria-describedby=\"").append(id).append("-error\"");
        return out.append("></div>").toString();
    }

    /** A page that only tells how things stand: paid, canceled, expired, or still in progress. */
    static String message(WidgetPage p, String state, String heading, String text, String continueUrl) {
        StringBuilder body = new StringBuilder(header(p));
        body.append("<div id=\"result\" class=\"result ").append(escape(state)).append("\" data-state=\"")
                .append(escape(state)).append("\" role=\"status\" tabindex=\"-1\" autofocus><h2>").append(escape(heading))
                .append("</h2><p>").append(escape(text)).append("</p></div>");
        if (continueUrl != null) {
            body.append("<a id=\"continue\" class=\"button\" href=\"").append(escape(continueUrl)).append("\">Continue to your bank's check</a>");
        }
        body.append(back(p.backToShopUrl(), state.equals("completed") ? "Return to shop" : "Back to shop"));
        return page(heading, body.toString());
    }

    static String notFound() {
        return page("Payment link not found", "<div id=\"result\" class=\"result\" data-state=\"not_found\" role=\"status\">"
                + "<h1>Payment link not found</h1><p>Check the link you were given, or ask the shop for a new one.</p></div>");
    }

    private static String header(WidgetPage p) {
        StringBuilder h = new StringBuilder("<header><p class=\"merchant\" id=\"merchant\">").append(escape(p.merchant()))
                .append("</p><h1><span class=\"visually-hidden\">Amount to pay: </span><span id=\"amount\">")
                .append(escape(p.amount())).append("</span></h1>");
        if (p.description() != null) h.append("<p id=\"description\">").append(escape(p.description())).append("</p>");
        return h.append("</header>").toString();
    }

    /** Leaves the iframe too ({@code _top}): the shop's page is the customer's next step. */
    private static String back(String url, String text) {
        return "<p class=\"back\"><a id=\"back\" href=\"" + escape(url) + "\" target=\"_top\" rel=\"noopener\">"
                + escape(text) + "</a></p>";
    }

    private static String id(String field) {
        return field.replace('_', '-');
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
                <title>%s</title><link rel="stylesheet" href="../widget.css"></head>
                <body><main>%s</main></body></html>
                """.formatted(escape(title), body);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
