package dev.till.core.events;

import java.time.Instant;

/** One committed state change. {@code data} is the JSON snapshot of the object at that moment. */
public record Event(String id, String merchantId, String type, String objectId, int objectSeq, Instant createdOn, String data) {}
