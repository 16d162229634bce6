package dev.till.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.till.domain.Problem;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading request bodies and parameters, with every failure a clean 400 or 422. */
public final class Requests {
    private Requests() {}

    /**
     * Parses the JSON body into {@code type}. An empty body reads as {@code {}}, so that missing
     * required fields surface as 422 codes rather than a parse error. Wrong JSON, wrong types and
     * a non-JSON content type are 400 {@code request_malformed}, and so is U+0000 in any string or
     * field name ({@code null_character_invalid}), which no handler could store.
     */
    public static <T> T body(Context ctx, Class<T> type) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length == 0) raw = "{}".getBytes();
        else requireJsonContentType(ctx);
        Optional<String> nul = Json.nullCharacterAt(raw);
        if (nul.isPresent()) {
            String param = nul.get().isEmpty() ? null : nul.get();
            throw ApiErrors.malformed("null_character_invalid", (param == null ? "The body" : "The field '" + param + "'")
                    + " contains U+0000 (the NUL character), which Till cannot store.", param).toException();
        }
        try {
            T value = Json.MAPPER.readValue(raw, type);
            if (value == null) throw ApiErrors.malformed("body_invalid", "The body must be a JSON object.", null).toException();
            return value;
        } catch (StreamConstraintsException tooDeep) {
            throw ApiErrors.malformed("json_too_complex", "The JSON body is nested too deeply or a value is too long.", null).toException();
        } catch (MismatchedInputException wrongType) {
            String param = path(wrongType);
            throw ApiErrors.malformed("field_type_invalid",
                    param == null ? "The body must be a JSON object." : "The field '" + param + "' has the wrong type.", param).toException();
        } catch (JsonMappingException bad) {
            if (bad.getCause() instanceof StreamConstraintsException) {
                throw ApiErrors.malformed("json_too_complex", "The JSON body is nested too deeply or a value is too long.", null).toException();
            }
            String param = path(bad);
            throw ApiErrors.malformed("field_type_invalid", "The field '" + param + "' could not be read.", param).toException();
        } catch (JsonProcessingException syntax) {
            throw ApiErrors.malformed("json_invalid", "The body is not valid JSON.", null).toException();
        } catch (IOException io) {
            throw ApiErrors.malformed("body_unreadable", "The body could not be read.", null).toException();
        }
    }

    private static void requireJsonContentType(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw ApiErrors.malformed("content_type_unsupported", "Send the body as application/json.", null).toException();
        }
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) return null;
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * The request in a canonical form for idempotency: method, path and the body with object keys
     * sorted, so formatting and key order do not make two identical requests differ.
     */
    public static byte[] canonical(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        String body;
        try {
            if (raw.length == 0) body = "";
            else {
                JsonNode tree = Json.MAPPER.readTree(raw);
                Object plain = Json.MAPPER.treeToValue(tree, Object.class);
                body = Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(plain);
            }
        } catch (IOException unparsable) {
            body = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
        return (ctx.method() + " " + ctx.path() + "\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) return 10;
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= 100) return limit;
        } catch (NumberFormatException ignored) {
            // falls through to the same answer as an out-of-range number
        }
        throw Problem.invalid("limit_invalid", "limit", "limit must be a whole number from 1 to 100.").toException();
    }

    /** A text query parameter; U+0000 in it ({@code %00}) is 422 {@code null_character_invalid}, as PostgreSQL cannot compare it. */
    public static Optional<String> query(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value != null && value.indexOf('\0') >= 0) {
            throw Problem.invalid("null_character_invalid", name,
                    "The query parameter '" + name + "' contains U+0000 (the NUL character), which Till cannot search for.").toException();
        }
        return Optional.ofNullable(value).filter(s -> !s.isBlank());
    }
}
