package dev.till.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The SQL of one store, one statement per file next to the store's class:
 * {@code dev/till/core/payments/PaymentStore/insert.sql} for {@code Sql.of(PaymentStore.class, "insert")}.
 * Stores read their files once, into constants, when the class loads: on the hot path a statement
 * costs its round trip and nothing else (see docs/hot-path.md).
 */
public final class Sql {
    private Sql() {}

    public static String of(Class<?> store, String name) {
        String path = store.getName().replace('.', '/') + "/" + name + ".sql";
        try (InputStream in = store.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing SQL file " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
