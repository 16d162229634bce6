package dev.till.http.threeds;

import dev.till.domain.payments.PaymentStatus;

/** The challenge page's HTML, rendered on the server; every dynamic value is escaped. */
final class Pages {
    private Pages() {}

    static final String CSS = """
            body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:flex;justify-content:center}
            main{background:#fff;margin-top:10vh;padding:2rem;border-radius:8px;max-width:26rem;box-shadow:0 1px 4px #0002}
            h1{font-size:1.2rem}button{font-size:1rem;padding:.6rem 1rem;margin:.3rem .3rem 0 0;border-radius:4px;border:1px solid #888}
            #complete{background:#1a7f37;color:#fff;border-color:#1a7f37}.note{color:#555;font-size:.85rem}
            """;

    static String challenge(String amount, String card) {
        return page("Confirm your payment", """
                <p>Your bank asks you to confirm a payment of <strong id="amount">%s</strong> with %s.</p>
                <form method="post">
                  <button id="complete" type="submit" name="outcome" value="pass">Confirm payment</button>
                  <button id="fail" type="submit" name="outcome" value="fail">Cancel</button>
                </form>
                <p class="note">Till test mode: this page stands in for the card issuer's 3-D Secure check.</p>
                """.formatted(escape(amount), escape(card)));
    }

    static String finished(PaymentStatus status) {
        String text = switch (status) {
            case DECLINED -> "The payment was not confirmed.";
            case PENDING -> "Your bank's answer is on its way; you can close this window.";
            default -> "The payment is confirmed. You can close this window.";
        };
        return page("Authentication finished", "<p id=\"result\">" + escape(text) + "</p>");
    }

    /** A challenge left open longer than Payments.CHALLENGE_TIMEOUT: the payment is (or is about to be) declined. */
    static String expired() {
        return page("Authentication expired", "<p id=\"result\">"
                + escape("The time to confirm this payment has run out. You can close this window.")
                + "</p>");
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
                <title>%s</title><link rel="stylesheet" href="../challenge.css"></head>
                <body><main><h1>%s</h1>
                %s</main></body></html>
                """.formatted(escape(title), escape(title), body);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
