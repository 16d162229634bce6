package dev.till.http.links;

import java.util.Map;

/**
 * What the widget shows, rendered by {@link WidgetPages}.
 *
 * @param fieldErrors form field name to the message shown beside it (and in the summary)
 * @param values      what the customer typed, to fill the form again: never the number or the CVV
 */
record WidgetPage(String merchant, String amount, String description, String backToShopUrl,
                  Map<String, String> fieldErrors, String generalError, Map<String, String> values) {}
