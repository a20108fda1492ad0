package dev.switchboard.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Sends chat completions at a fixed rate, or as fast as a fixed number of callers can, and records latencies. */
final class LoadGenerator {

    private static final String BODY = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final HttpRequest request;

    LoadGenerator(String chatCompletionsUrl, String apiKey) {
        this.request = HttpRequest.newBuilder(URI.create(chatCompletionsUrl))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
    }

    /** Open-loop load: one request every 1/rate seconds for the duration, whatever the answers' pace. */
    Result fixedRate(int perSecond, Duration duration) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        while (next < end) {
            LockSupport.parkNanos(next - System.nanoTime());
            long sent = System.nanoTime();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                } else {
                    latencies.add(System.nanoTime() - sent);
                }
            }));
            next += interval;
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return Result.of(latencies, errors.get(), System.nanoTime() - start);
    }

    /** Closed-loop load: each caller sends its next request as soon as the last one is answered. */
    Result maxThroughput(int callers, Duration duration) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong deadline = new AtomicLong(System.nanoTime() + duration.toNanos());
        long start = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop(latencies, errors, deadline.get(), done);
            loops.add(done);
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        return Result.of(latencies, errors.get(), System.nanoTime() - start);
    }

    private void loop(ConcurrentLinkedQueue<Long> latencies, AtomicInteger errors, long deadline,
            CompletableFuture<Void> done) {
        if (System.nanoTime() >= deadline) {
            done.complete(null);
            return;
        }
        long sent = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() != 200) {
                errors.incrementAndGet();
            } else {
                latencies.add(System.nanoTime() - sent);
            }
            loop(latencies, errors, deadline, done);
        });
    }

    /** Latency percentiles in milliseconds and the achieved rate. */
    record Result(int ok, int errors, double perSecond, double p50, double p95, double p99) {

        static Result of(ConcurrentLinkedQueue<Long> latencies, int errors, long elapsedNanos) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Result(sorted.length, errors, sorted.length / (elapsedNanos / 1e9), percentile(sorted, 0.50),
                    percentile(sorted, 0.95), percentile(sorted, 0.99));
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
