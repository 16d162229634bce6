package dev.till.http.checkout;

import io.javalin.http.Context;

/**
 * The card fields till.js puts in an iframe on the merchant's page. The card number never touches
 * the merchant's page: this page (on Till's origin) sends it to {@code POST /tokens} with the
 * merchant's publishable key and hands only the {@code tok_} back through {@code postMessage}.
 */
final class CardFieldsPage {
    private CardFieldsPage() {}

    static void serve(Context ctx) {
        PageHeaders.cardFields(ctx);
        ctx.contentType("text/html; charset=utf-8").result("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Card details</title>
                <link rel="stylesheet" href="/checkout/assets/payform.css"></head>
                <body class="embedded">
                <form id="card" novalidate>
                  <div class="field"><label for="number">Card number</label>
                    <input id="number" inputmode="numeric" autocomplete="cc-number" aria-describedby="number-error" maxlength="23">
                    <p id="number-error" class="field-error"></p></div>
                  <div class="row">
                    <div class="field"><label for="expiry">Expiry (MM/YY)</label>
                      <input id="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" aria-describedby="expiry-error" maxlength="7">
                      <p id="expiry-error" class="field-error"></p></div>
                    <div class="field"><label for="cvv">Security code</label>
                      <input id="cvv" inputmode="numeric" autocomplete="cc-csc" aria-describedby="cvv-error" maxlength="4">
                      <p id="cvv-error" class="field-error"></p></div>
                  </div>
                  <div id="errors" class="alert" role="alert" aria-live="assertive" hidden></div>
                </form>
                <script src="/checkout/assets/payform.js"></script>
                <script src="/checkout/assets/card-fields.js"></script>
                </body></html>
                """);
    }
}
