package dev.switchboard.registry.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.smallrye.faulttolerance.api.Guard;

import dev.switchboard.registry.config.RegistryConfig;

/**
 * Fetches a synced catalog (a model list published at a URL) and hands its body to a reader as it streams in, so a
 * large document is never held whole. The whole fetch, reading included, is bounded by
 * {@code switchboard.registry.sync.timeout} (a fault-tolerance timeout that interrupts a stalled read), and the body by
 * {@code max-bytes}. There is no retry and no circuit breaker: a sync runs rarely, and a failed one changes nothing.
 */
@ApplicationScoped
public class CatalogSourceClient {

    /** Reads the body as it arrives. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private final HttpClient http;
    private final Guard guard;
    private final Duration timeout;
    private final long maxBytes;

    public CatalogSourceClient(RegistryConfig config) {
        this.timeout = config.sync().timeout();
        this.maxBytes = config.sync().maxBytes();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.guard = Guard.create()
                .withDescription("catalog sync source")
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }

    /** The reader's result; a source that cannot be read at all is a {@link SourceProblem}. */
    public <T> T fetch(URI source, Class<T> type, BodyReader<T> reader) {
        try {
            return guard.call(() -> get(source, reader), type);
        } catch (TimeoutException e) {
            throw SourceProblem.timeout(source + " did not answer in full within " + timeout.toSeconds() + " s"
                    + " (switchboard.registry.sync.timeout)");
        } catch (SourceProblem e) {
            throw e;
        } catch (HttpTimeoutException e) {
            throw SourceProblem.timeout(source + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw SourceProblem.unreachable(source + " could not be read: " + describe(e), e);
        } catch (Exception e) {
            throw SourceProblem.unreachable(source + " could not be read: " + describe(e), e);
        }
    }

    private <T> T get(URI source, BodyReader<T> reader) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(source).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = new Bounded(response.body(), maxBytes, deadline, source)) {
            if (response.statusCode() != 200) {
                throw SourceProblem.unreachable(source + " answered HTTP " + response.statusCode(), null);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw tooLarge();
            }
            return reader.read(body);
        }
    }

    private SourceProblem tooLarge() {
        return SourceProblem.invalid("the source is larger than " + maxBytes + " bytes"
                + " (switchboard.registry.sync.max-bytes); nothing was read from it");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /**
     * The body, refused past the byte limit or the deadline. A body that trickles in is stopped here; one that stalls
     * altogether is the guard's to interrupt.
     */
    private final class Bounded extends FilterInputStream {
        private final long limit;
        private final long deadline;
        private final URI source;
        private long read;

        Bounded(InputStream in, long limit, long deadline, URI source) {
            super(in);
            this.limit = limit;
            this.deadline = deadline;
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge();
            }
            if (System.nanoTime() > deadline) {
                throw SourceProblem.timeout(source + " did not answer in full within " + timeout.toSeconds() + " s"
                        + " (switchboard.registry.sync.timeout)");
            }
        }
    }
}
