package dev.till.core.links;

import dev.till.core.payments.ActionResult;

/**
 * A capture of a link's payment and the amount it took: the remainder when none was asked, 0 when
 * the network declined it.
 */
public record LinkCapture(ActionResult action, long amount) {}
