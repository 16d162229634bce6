package dev.till.core.webhooks;

import java.util.List;
import java.util.Map;

/** The merchant-editable fields of an endpoint; null means "not given" (unchanged on update). */
public record EndpointDraft(String url, List<String> eventTypes, Boolean active, Map<String, String> headers) {}
