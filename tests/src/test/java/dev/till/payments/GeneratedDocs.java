package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document in {@code docs/} that a test renders from code. The test fails when the file on disk
 * differs; run it with {@code -Dtill.docs.write=true} to rewrite the file, then commit it.
 */
final class GeneratedDocs {
    private GeneratedDocs() {}

    static void check(String name, String rendered) throws IOException {
        Path file = Path.of(System.getProperty("till.repo.root", ".."), "docs", name);
        if (Boolean.getBoolean("till.docs.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        String onDisk = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertThat(onDisk).as("docs/" + name + " is stale: rerun this test with -Dtill.docs.write=true and commit it")
                .isEqualTo(rendered);
    }
}
