package dev.switchboard.local.testing;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything a service logs while a test runs, as text, so a test can assert what never appears in a log (keys, most of
 * all). Attached to the root logger of the JVM the {@code @QuarkusTest} shares with the service.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final StringBuffer text = new StringBuffer();
    private final Formatter formatter = new SimpleFormatter();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(java.util.logging.Level.ALL);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        // The parameters too: a key passed to a log call would show there even when the message has no placeholder.
        text.append(formatter.format(record));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(' ').append(parameter);
            }
        }
        text.append('\n');
    }

    /** What was logged since the capture started. */
    public String text() {
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
