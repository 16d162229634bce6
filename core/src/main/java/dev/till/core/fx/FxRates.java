package dev.till.core.fx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current rate table: the file named by {@code TILL_FX_RATES_FILE}, else the bundled
 * {@code rates.csv}. On each use the file's modification time is compared with the loaded one and
 * a changed file is read again, so new rates need no restart. A file that no longer parses keeps
 * the last good table (and logs why): a typo must not stop payouts. Thread-safe.
 */
public final class FxRates {
    private static final Logger log = LoggerFactory.getLogger(FxRates.class);
    private static final String BUNDLED = "dev/till/core/fx/rates.csv";

    private final Optional<Path> file;
    private RateTable table;
    private FileTime seenModified; // of the last file read, good or bad: a bad file is not reread until it changes

    public FxRates(Optional<Path> file) {
        this.file = file;
        if (file.isEmpty()) {
            try (InputStream in = FxRates.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                table = RateFile.parse(in, BUNDLED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            try {
                load(file.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read TILL_FX_RATES_FILE " + file.get(), e);
            }
        }
    }

    public synchronized RateTable current() {
        if (file.isPresent()) {
            try {
                if (!Files.getLastModifiedTime(file.get()).equals(seenModified)) load(file.get());
            } catch (IOException e) {
                log.warn("FX rate file {} could not be reloaded; keeping the previous rates: {}", file.get(), e.getMessage());
            }
        }
        return table;
    }

    private void load(Path path) throws IOException {
        seenModified = Files.getLastModifiedTime(path);
        try (InputStream in = Files.newInputStream(path)) {
            table = RateFile.parse(in, path.toString());
        }
        log.info("FX rates loaded from {}", path);
    }
}
