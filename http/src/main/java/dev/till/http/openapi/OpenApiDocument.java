package dev.till.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 contract, kept as YAML in {@code resources/openapi/}: a base file and one
 * fragment per capability (listed under {@code x-till-fragments}), merged at start so that
 * capabilities document themselves side by side. Immutable once loaded.
 */
public final class OpenApiDocument {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode document;

    private OpenApiDocument(ObjectNode document) {
        this.document = document;
    }

    public static OpenApiDocument load() {
        ObjectNode base = (ObjectNode) read("openapi/openapi.yaml");
        JsonNode fragments = base.remove("x-till-fragments");
        ObjectNode paths = base.withObject("/paths");
        ObjectNode schemas = base.withObject("/components").withObject("/schemas");
        ObjectNode responses = base.withObject("/components").withObject("/responses");
        if (fragments != null) {
            for (JsonNode name : fragments) {
                JsonNode fragment = read("openapi/" + name.asText());
                String source = name.asText();
                if (fragment.has("paths")) addAll(paths, fragment.get("paths"), source);
                JsonNode components = fragment.get("components");
                if (components != null && components.has("schemas")) addAll(schemas, components.get("schemas"), source);
                if (components != null && components.has("responses")) addAll(responses, components.get("responses"), source);
                if (fragment.has("tags")) base.withArray("/tags").addAll((com.fasterxml.jackson.databind.node.ArrayNode) fragment.get("tags"));
            }
        }
        return new OpenApiDocument(base);
    }

    /** Fragments share one namespace: a second definition of a path or schema is a mistake, not an override. */
    private static void addAll(ObjectNode target, JsonNode additions, String source) {
        additions.properties().forEach(e -> {
            if (target.has(e.getKey())) {
                throw new IllegalStateException("OpenAPI fragment " + source + " redefines " + e.getKey());
            }
            target.set(e.getKey(), e.getValue());
        });
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing OpenAPI resource " + resource);
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode tree() {
        return document.deepCopy();
    }

    public byte[] json() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] yaml() {
        try {
            return YAML.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
