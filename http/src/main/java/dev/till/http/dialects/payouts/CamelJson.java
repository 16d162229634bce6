package dev.till.http.dialects.payouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.till.http.ApiErrors;
import dev.till.http.Json;

/**
 * Seed 003's wire is camelCase; otherwise the same strictness as the native {@link Json}
 * (no coercion, nulls omitted). Thread-safe once configured.
 */
final class CamelJson {
    static final ObjectMapper MAPPER = Json.MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);

    private CamelJson() {}

    static <T> T read(JsonNode node, Class<T> type, String param) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (Exception wrong) {
            throw ApiErrors.malformed("field_type_invalid", "The field '" + param + "' has the wrong type.", param).toException();
        }
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), e);
        }
    }
}
