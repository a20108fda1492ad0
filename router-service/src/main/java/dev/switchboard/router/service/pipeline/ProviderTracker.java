package dev.switchboard.router.service.pipeline;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.router.Candidate;

/**
 * The outcome and latency of each provider's recent attempts as this replica saw them, for {@code /v1/providers}; a
 * {@link CallHook} fed after every attempt (one that an open breaker stopped before it was sent counts as no failure).
 */
@Singleton
public class ProviderTracker implements CallHook {

    private static final int WINDOW = 100;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public void afterAttempt(Call call, Candidate candidate, CompletionReply reply, Throwable failure, long latencyMs) {
        record(candidate.provider(), failure != null && !(failure instanceof CircuitBreakerOpenException), latencyMs);
    }

    private void record(String provider, boolean failed, long latencyMs) {
        windows.computeIfAbsent(provider, ignored -> new Window()).add(failed, latencyMs);
    }

    public Snapshot snapshot(String provider) {
        Window window = windows.get(provider);
        return window == null ? new Snapshot(0, 0, null) : window.snapshot();
    }

    /** Recent figures: how many attempts, their error rate, and their median latency (null without data). */
    public record Snapshot(int attempts, double errorRate, Long latencyP50Ms) {
    }

    /** A ring of the last attempts. */
    private static final class Window {
        private final boolean[] failed = new boolean[WINDOW];
        private final long[] latency = new long[WINDOW];
        private int next;
        private int size;

        synchronized void add(boolean failure, long latencyMs) {
            failed[next] = failure;
            latency[next] = latencyMs;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
        }

        synchronized Snapshot snapshot() {
            int failures = 0;
            for (int i = 0; i < size; i++) {
                failures += failed[i] ? 1 : 0;
            }
            long[] sorted = Arrays.copyOf(latency, size);
            Arrays.sort(sorted);
            return new Snapshot(size, size == 0 ? 0 : (double) failures / size, size == 0 ? null : sorted[size / 2]);
        }
    }
}
