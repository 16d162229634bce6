package dev.till.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.till.http.TillApi;
import dev.till.http.openapi.OpenApiDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every response the server sends against the OpenAPI document: the route and status
 * must be documented, and a JSON body must match the documented schema. Violations are collected
 * and asserted empty when each test class ends, so the document and the code cannot drift apart.
 * Thread-safe.
 */
public final class ContractCheck implements TillApi.ResponseObserver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = OpenApiDocument.load().tree();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void seen(String method, String route, int status, String contentType, byte[] body) {
        if (route == null || route.equals("*") || route.equals("unmatched")) return; // unknown routes: the 404 shape is checked in tests
        JsonNode operation = DOCUMENT.path("paths").path(route).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            violations.add(method + " " + route + " is not in the OpenAPI document");
            return;
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) response = operation.path("responses").path("default");
        if (response.isMissingNode()) {
            violations.add(method + " " + route + " answered " + status + ", which the document does not list");
            return;
        }
        response = resolve(response);
        if (body == null || body.length == 0 || contentType == null || !contentType.startsWith("application/json")) return;
        JsonNode schemaNode = response.path("content").path("application/json").path("schema");
        if (schemaNode.isMissingNode()) {
            violations.add(method + " " + route + " " + status + " sent JSON but documents none");
            return;
        }
        String cacheKey = method + " " + route + " " + status;
        JsonSchema schema = CACHE.computeIfAbsent(cacheKey, k -> SCHEMAS.getSchema(inline(schemaNode, 0)));
        try {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(body));
            if (!errors.isEmpty()) {
                violations.add(cacheKey + " body does not match the document: " + errors + " in " + new String(body));
            }
        } catch (java.io.IOException e) {
            violations.add(cacheKey + " sent a body that is not JSON");
        }
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) node = pointer(node.get("$ref").asText());
        return node;
    }

    private static JsonNode pointer(String ref) {
        if (!ref.startsWith("#/")) throw new IllegalStateException("only local $refs are supported: " + ref);
        return DOCUMENT.at(ref.substring(1));
    }

    /** Replaces every local $ref with its target so the validator needs no document context. */
    private static JsonNode inline(JsonNode node, int depth) {
        if (depth > 40) throw new IllegalStateException("schema nesting too deep (recursive $ref?)");
        if (node.isObject()) {
            if (node.has("$ref")) return inline(pointer(node.get("$ref").asText()), depth + 1);
            ObjectNode copy = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().equals("example") || e.getKey().equals("examples")) continue;
                copy.set(e.getKey(), inline(e.getValue(), depth + 1));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(inline(n, depth + 1)));
            return copy;
        }
        return node;
    }
}
