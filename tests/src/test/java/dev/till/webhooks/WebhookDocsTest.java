package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/webhooks.md shows the verifier the suite actually runs, byte for byte. */
class WebhookDocsTest {

    @Test
    void the_documented_verifier_is_the_tested_one() throws Exception {
        Path root = Path.of(System.getProperty("till.repo.root", ".."));
        String source = Files.readString(root.resolve("tests/src/test/java/dev/till/webhooks/WebhookVerifier.java"));
        String verifier = source.substring(source.indexOf('\n', source.indexOf("// BEGIN VERIFIER")) + 1,
                source.indexOf("// END VERIFIER"));
        String docs = Files.readString(root.resolve("docs/webhooks.md"));
        assertThat(docs).contains("```java\n" + verifier + "```");
    }
}
