package dev.switchboard.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Sends chat completions at a fixed rate, or as fast as a fixed number of callers can, over kept-alive HTTP/1.1
 * connections, and records latencies. It runs on an event loop so that its own cost stays small next to what it
 * measures.
 */
final class LoadGenerator {

    private static final int MAX_CONNECTIONS = 512;

    private final HttpClient http;
    private final RequestOptions request;
    private final Buffer body;
    private final Context context;

    LoadGenerator(Vertx vertx, Call call) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setMaxWaitQueueSize(-1));
        this.request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(call.url()).setIdleTimeout(30_000);
        call.headers().forEach(request::putHeader);
        this.body = Buffer.buffer(call.body());
        this.context = vertx.getOrCreateContext();
    }

    /** Runs the load the phase asks for. */
    Result run(BenchPhase.Load load, Duration duration) {
        return load.fixedRate() ? fixedRate(load.amount(), duration) : maxThroughput(load.amount(), duration);
    }

    /** Closes the connections; the generator cannot be used afterwards. */
    void close() {
        http.close();
    }

    /** Open-loop load: one request every 1/rate seconds for the duration, whatever the answers' pace. */
    Result fixedRate(int perSecond, Duration duration) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger outstanding = new AtomicInteger();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        outstanding.incrementAndGet();
        while (next < end) {
            LockSupport.parkNanos(next - System.nanoTime());
            // The send time is the schedule's, not the moment this thread woke: a late start counts as latency.
            long scheduled = next;
            outstanding.incrementAndGet();
            context.runOnContext(ignored -> send().onComplete(status -> {
                record(status.succeeded() ? status.result() : -1, scheduled, latencies, errors);
                if (outstanding.decrementAndGet() == 0) {
                    drained.complete(null);
                }
            }));
            next += interval;
        }
        if (outstanding.decrementAndGet() == 0) {
            drained.complete(null);
        }
        drained.join();
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
            context.runOnContext(ignored -> loop(latencies, errors, deadline.get(), done));
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
        send().onComplete(status -> {
            record(status.succeeded() ? status.result() : -1, sent, latencies, errors);
            loop(latencies, errors, deadline, done);
        });
    }

    /** One call, read to its end; completes with the status code. */
    private Future<Integer> send() {
        return http.request(request)
                .compose(call -> call.send(body))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    private static void record(int status, long sent, ConcurrentLinkedQueue<Long> latencies, AtomicInteger errors) {
        if (status == 200) {
            latencies.add(System.nanoTime() - sent);
        } else {
            errors.incrementAndGet();
        }
    }

    /**
     * What a load achieved: the answers that came back 200 with their latencies, the others as errors, and the time it
     * took. Results of the same load run more than once are merged into one, percentiles taken over every latency.
     *
     * @param sortedNanos the latencies of the successful calls, in nanoseconds, sorted
     */
    record Result(long[] sortedNanos, int errors, long elapsedNanos) {

        static Result of(ConcurrentLinkedQueue<Long> latencies, int errors, long elapsedNanos) {
            return new Result(latencies.stream().mapToLong(Long::longValue).sorted().toArray(), errors, elapsedNanos);
        }

        static Result merge(List<Result> results) {
            long[] all = results.stream().flatMapToLong(result -> Arrays.stream(result.sortedNanos())).sorted().toArray();
            return new Result(all, results.stream().mapToInt(Result::errors).sum(),
                    results.stream().mapToLong(Result::elapsedNanos).sum());
        }

        int ok() {
            return sortedNanos.length;
        }

        double perSecond() {
            return elapsedNanos == 0 ? 0 : sortedNanos.length / (elapsedNanos / 1e9);
        }

        double p50() {
            return percentile(0.50);
        }

        double p95() {
            return percentile(0.95);
        }

        double p99() {
            return percentile(0.99);
        }

        /** One line for progress: how fast, how slow at p50 and p99, and how many errors. */
        String summary() {
            return String.format(Locale.ROOT, "%,.0f requests/s, p50 %.2f ms, p99 %.2f ms, errors %d", perSecond(), p50(),
                    p99(), errors);
        }

        /** The latency in milliseconds that this share of the successful calls did not exceed. */
        double percentile(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }
}
