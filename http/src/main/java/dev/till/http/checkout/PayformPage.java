package dev.till.http.checkout;

import static dev.till.http.checkout.Html.esc;

import dev.till.core.orders.Order;
import dev.till.core.orders.OrderProduct;
import dev.till.domain.CurrencyCode;
import dev.till.domain.orders.OrderStatus;
import java.util.List;

/**
 * The hosted payform, rendered on the server. It works without JavaScript (the form posts to
 * Till); {@code payform.js} only adds formatting and instant error messages. Every error is
 * announced through a live region and moves focus to the first field at fault.
 */
final class PayformPage {
    private PayformPage() {}

    /** @param error a message for the customer after a failed attempt, or null */
    static String render(String merchantName, Order order, List<OrderProduct> products, String error) {
        String action = "/pay/" + order.merchantId() + "/" + order.id();
        CurrencyCode currency = CurrencyCode.of(order.currency());
        StringBuilder lines = new StringBuilder();
        for (OrderProduct p : products) {
            lines.append("<tr><td>").append(esc(p.title())).append(p.quantity() > 1 ? " × " + p.quantity() : "")
                 .append("</td><td class=\"num\">").append(esc(currency.format(p.total()))).append("</td></tr>\n");
        }
        String attemptsLeft = order.maxPaymentAttempts() == null ? ""
                : "<p class=\"hint\" id=\"attempts\">Attempts left: " + (order.maxPaymentAttempts() - order.paymentAttempts()) + "</p>";
        String alert = error == null ? "" : esc(error);
        return head("Pay " + merchantName) + """
                <main class="card" aria-labelledby="title">
                  <p class="merchant">%s</p>
                  <h1 id="title">Pay %s</h1>
                  %s
                  <table class="lines"><caption class="sr">Order summary</caption>
                  <thead class="sr"><tr><th scope="col">Product</th><th scope="col">Price</th></tr></thead>
                  <tbody>
                  %s</tbody>
                  <tfoot><tr><th scope="row">Total</th><td class="num" id="total">%s</td></tr></tfoot></table>
                  <div id="errors" class="alert" role="alert" aria-live="assertive" %s>%s</div>
                  %s
                  <form id="pay" method="post" action="%s" novalidate>
                    <div class="field"><label for="name">Name on card</label>
                      <input id="name" name="name" autocomplete="cc-name" maxlength="100"></div>
                    <div class="field"><label for="number">Card number</label>
                      <input id="number" name="number" inputmode="numeric" autocomplete="cc-number" required
                             aria-describedby="number-error" maxlength="23">
                      <p id="number-error" class="field-error"></p></div>
                    <div class="row">
                      <div class="field"><label for="expiry">Expiry (MM/YY)</label>
                        <input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" required placeholder="MM/YY"
                               aria-describedby="expiry-error" maxlength="7">
                        <p id="expiry-error" class="field-error"></p></div>
                      <div class="field"><label for="cvv">Security code</label>
                        <input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" required
                               aria-describedby="cvv-error" maxlength="4">
                        <p id="cvv-error" class="field-error"></p></div>
                    </div>
                    <button id="pay-button" type="submit" class="primary">Pay %s</button>
                  </form>
                  <form method="post" action="%s/reject">
                    <button id="reject" type="submit" class="link">Cancel and return to %s</button>
                  </form>
                </main>
                <script src="/checkout/assets/payform.js"></script>
                </body></html>
                """.formatted(esc(merchantName), esc(currency.format(order.amount())),
                order.description() == null ? "" : "<p class=\"hint\">" + esc(order.description()) + "</p>",
                lines, esc(currency.format(order.amount())), error == null ? "hidden" : "", alert, attemptsLeft,
                action, esc(currency.format(order.amount())), action, esc(merchantName));
    }

    /** The page shown instead of a form when the order cannot be paid (or is already paid). */
    static String outcome(String merchantName, Order order, String link) {
        OrderStatus s = order.state();
        String title = switch (s) {
            case PAID, HOLD, RECEIVED -> "This order is paid";
            case IN_PROGRESS -> "Your payment is being processed";
            case EXPIRED -> "This order has expired";
            case CANCELLED -> "This order was cancelled";
            case REJECTED -> "You cancelled this payment";
            default -> "This order can no longer be paid";
        };
        String body = switch (s) {
            case PAID, HOLD, RECEIVED -> "Thank you. " + esc(merchantName) + " has your payment.";
            case IN_PROGRESS -> "We will let " + esc(merchantName) + " know as soon as the bank answers.";
            case EXPIRED -> "Its due date has passed. Please contact " + esc(merchantName) + " for a new one.";
            default -> "No payment will be taken. Please contact " + esc(merchantName) + " if this is unexpected.";
        };
        String back = link == null ? "" : "<p><a class=\"primary\" href=\"" + esc(link) + "\">Return to " + esc(merchantName) + "</a></p>";
        return head(title) + """
                <main class="card" aria-labelledby="title">
                  <p class="merchant">%s</p>
                  <h1 id="title" data-status="%s">%s</h1>
                  <p>%s</p>
                  %s
                </main></body></html>
                """.formatted(esc(merchantName), s.wire(), title, body, back);
    }

    static String tooManyAttempts() {
        return head("Too many attempts") + """
                <main class="card" aria-labelledby="title"><h1 id="title">Too many attempts</h1>
                <p role="alert">Please wait a moment, then go back and try again.</p></main></body></html>
                """;
    }

    static String notFound() {
        return head("Order not found") + """
                <main class="card" aria-labelledby="title"><h1 id="title">Order not found</h1>
                <p>Check the link you were given, or contact the shop.</p></main></body></html>
                """;
    }

    private static String head(String title) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="stylesheet" href="/checkout/assets/payform.css"></head>
                <body>
                """.formatted(esc(title));
    }
}
