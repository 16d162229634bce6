package dev.till.core.webhooks;

import java.util.List;

/** A delivery with its attempts, oldest first: what the inspection API shows. */
public record DeliveryLog(Delivery delivery, List<DeliveryAttempt> attempts) {}
