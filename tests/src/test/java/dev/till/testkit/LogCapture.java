package dev.till.testkit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every log line of the test JVM in memory (configured in logback-test.xml), so tests can
 * prove that no key, card number or CVV is ever logged. Thread-safe.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {
    private static final List<String> lines = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        var t = event.getThrowableProxy();
        while (t != null) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            t = t.getCause();
        }
        synchronized (lines) {
            lines.add(line.toString());
        }
    }

    public static List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
