package dev.till.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FxRatesReloadTest {
    private static final Path RATES = writeRates(tempFile(), "1.1", Instant.parse("2026-01-01T00:00:00Z"));

    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_FX_RATES_FILE", RATES.toString()).with("TILL_FX_SPREAD_BPS", "100");

    @Test
    void a_changed_rate_file_is_used_without_a_restart() {
        // Given a rate file saying 1.1 EUR per USD and a 1 % spread
        Api api = till.api();
        String body = "{\"currency\":\"EUR\",\"country\":\"DE\",\"source_currency\":\"USD\",\"source_amount\":10000}";
        assertThat(api.post("/quotes", body).text("rate")).isEqualTo("1.089");

        // When the operator edits the file
        writeRates(RATES, "1.2", Instant.parse("2026-01-02T00:00:00Z"));

        // Then the next quote uses the new rate
        Api.Reply q = api.post("/quotes", body);
        assertThat(q.text("rate")).isEqualTo("1.188");
        assertThat(q.json().path("target_amount").asLong()).isEqualTo(118_80);

        // And a file that no longer parses keeps the last good rates
        try {
            Files.writeString(RATES, "garbage");
            Files.setLastModifiedTime(RATES, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(api.post("/quotes", body).text("rate")).isEqualTo("1.188");
    }

    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("till-rates", ".csv");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the modification time explicitly: two writes within one second must still look different. */
    private static Path writeRates(Path file, String eurPerUsd, Instant modified) {
        try {
            Files.writeString(file, "USD,1,US\nEUR," + eurPerUsd + ",DE FR\n");
            Files.setLastModifiedTime(file, FileTime.from(modified));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
