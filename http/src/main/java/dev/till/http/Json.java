package dev.till.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The one JSON configuration of the wire: snake_case names, nulls omitted (Checkout.com's clients
 * treat a missing field and a null alike, and some choke on nulls), unknown fields ignored, no
 * silent coercion of wrong types, and bounded nesting and sizes so hostile bodies fail cleanly.
 * ObjectMapper is thread-safe once configured.
 */
public final class Json {
    public static final int MAX_NESTING = 32;

    public static final ObjectMapper MAPPER = create();

    private Json() {}

    private static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).maxStringLength(100_000).build())
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addModule(new JavaTimeModule())
                .build();
        // "6500" where a number belongs, or 1 where a string belongs, is a malformed request.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    private static final byte[] NULL_ESCAPE = "\\u0000".getBytes(StandardCharsets.US_ASCII);

    /**
     * Where a JSON body holds U+0000 in a string or a field name: the field's path (such as
     * {@code metadata.k}, empty at the top level), or empty when it holds none or is not JSON at
     * all (the mapper reports that). PostgreSQL stores no U+0000 in text or jsonb, so such a value
     * could only fail later, after the card network may have moved money.
     */
    public static Optional<String> nullCharacterAt(byte[] body) {
        // Valid JSON can only spell U+0000 as this escape (a raw control character is a syntax
        // error), so most bodies are passed by one byte scan instead of a second parse.
        if (!contains(body, NULL_ESCAPE)) return Optional.empty();
        try (JsonParser p = MAPPER.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if ((t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) && holdsNull(p)) {
                    // A bad field name is reported at its object, so the answer never echoes it.
                    JsonStreamContext at = p.getParsingContext();
                    return Optional.of(path(t == JsonToken.FIELD_NAME ? at.getParent() : at));
                }
            }
        } catch (IOException unreadable) {
            // not JSON: the mapper answers json_invalid
        }
        return Optional.empty();
    }

    private static boolean holdsNull(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        for (int i = p.getTextOffset(), end = i + p.getTextLength(); i < end; i++) {
            if (text[i] == '\0') return true;
        }
        return false;
    }

    private static String path(JsonStreamContext at) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
            parts.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), e);
        }
    }
}
