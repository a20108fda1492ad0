package dev.switchboard.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A steady load through the real HTTP API: every router gets a few calls a second, plain and streamed in turn, each with
 * a prompt of its own that the mock provider echoes, so that a wrong or crossed answer shows.
 */
final class LoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each prompt is this, the call's sequence number, a space and a random id. */
    static final String PROMPT_PREFIX = "fault load ";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> routers;
    private final String apiKey;
    private final Duration deadline;
    private final String model;
    private final List<String> fallbacks;
    private final Set<String> goingDown = ConcurrentHashMap.newKeySet();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final List<CompletableFuture<CallOutcome>> calls = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private ScheduledExecutorService ticker;

    /**
     * @param deadline the router's request timeout: a call not over by then (plus a grace for the last bytes) is lost
     */
    LoadDriver(List<String> routers, String apiKey, Duration deadline) {
        this(routers, apiKey, deadline, "mock/echo", List.of());
    }

    /**
     * A load on another model, whose provider must echo the prompt as the mock does.
     *
     * @param fallbacks the request's {@code models}: tried after {@code model}, in order
     */
    LoadDriver(List<String> routers, String apiKey, Duration deadline, String model, List<String> fallbacks) {
        this.routers = List.copyOf(routers);
        this.apiKey = apiKey;
        this.deadline = deadline;
        this.model = model;
        this.fallbacks = List.copyOf(fallbacks);
    }

    /** Starts sending {@code callsPerSecond} calls a second to each router. */
    void start(int callsPerSecond) {
        ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(this::tick, 0, 1000 / callsPerSecond, TimeUnit.MILLISECONDS);
    }

    /** From now on, calls to this router whose connection dies count as cut with it; no new call goes there. */
    void replicaGoingDown(String router) {
        goingDown.add(router);
        paused.add(router);
    }

    /** The replica is back: send to it again. */
    void replicaBack(String router) {
        paused.remove(router);
    }

    /** Stops sending and waits for every call sent to end (each ends by its own timeout at the latest). */
    List<CallOutcome> stop() {
        ticker.shutdownNow();
        synchronized (calls) {
            List<CallOutcome> outcomes = calls.stream().map(CompletableFuture::join).toList();
            calls.clear();
            goingDown.clear();
            return outcomes;
        }
    }

    private void tick() {
        for (String router : routers) {
            if (!paused.contains(router)) {
                long n = sequence.incrementAndGet();
                CompletableFuture<CallOutcome> call = send(router, n % 2 == 0, PROMPT_PREFIX + n + " " + UUID.randomUUID());
                synchronized (calls) {
                    calls.add(call);
                }
            }
        }
    }

    private CompletableFuture<CallOutcome> send(String router, boolean streamed, String prompt) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", streamed);
        if (!fallbacks.isEmpty()) {
            fallbacks.forEach(body.putArray("models")::add);
        }
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        HttpRequest request = HttpRequest.newBuilder(URI.create(router + "/v1/chat/completions"))
                .timeout(deadline.plus(FaultVerdict.GRACE))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        long started = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (failure != null) {
                        return failed(router, streamed, elapsed, failure);
                    }
                    return FaultVerdict.judge(router, streamed, prompt, response, elapsed, deadline);
                });
    }

    private CallOutcome failed(String router, boolean streamed, long elapsed, Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return new CallOutcome(router, streamed, CallOutcome.Kind.LOST, 0, null, 0, elapsed, "no answer in time");
        }
        if (cause instanceof IOException && goingDown.contains(router)) {
            return new CallOutcome(router, streamed, CallOutcome.Kind.CUT_WITH_REPLICA, 0, null, 0, elapsed,
                    cause.toString());
        }
        return new CallOutcome(router, streamed, CallOutcome.Kind.LOST, 0, null, 0, elapsed, cause.toString());
    }
}
