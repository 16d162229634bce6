package dev.till.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary folders for the suite (data directories, keysets, browser profiles), removed when the
 * test JVM exits, so that runs do not pile them up in {@code /tmp}. Thread-safe.
 */
public final class TestDirs {
    private static final List<Path> created = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> created.forEach(TestDirs::deleteQuietly)));
    }

    private TestDirs() {}

    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            created.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException gone) {
            // already removed, or still in use by a process that outlived the suite
        }
    }
}
