package dev.switchboard.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import dev.switchboard.contracts.Attribution;

/**
 * {@code ./switchboard up}'s warm-up: before the stack says ready, every router replica is called as fast as a few
 * callers can, through each front door, on the built-in {@code mock} provider (free, and in every adapter), so that the
 * five JVMs' JIT compilers have worked through the hot paths before the first real caller comes. The calls carry the
 * tag {@value #TAG}, by which exports and the request log find them.
 */
public final class StackWarmUp {

    /** The {@code X-Switchboard-Tags} value of every warm-up call. */
    public static final String TAG = Attribution.WARM_UP_TAG;

    /** Callers per router replica: enough to keep two cores busy, few enough not to queue in the router. */
    static final int CALLERS = 32;

    /**
     * Each door in turn for this long at most, so that each one's own code is called often enough to be compiled; a
     * short warm-up gives each door a share of it.
     */
    static final Duration SLICE = Duration.ofSeconds(5);

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"warming up\"}]";
    private static final Function<Call.Target, Call> CHAT = target -> tagged(Call.post(target, "/v1/chat/completions",
            "{\"model\":\"mock/echo\"," + MESSAGES + "}"));

    /** The doors called, in turn; chat, the API most callers use, twice as often as the others. */
    static final List<Function<Call.Target, Call>> DOORS = List.of(
            CHAT,
            target -> tagged(Call.post(target, "/v1/chat/completions",
                    "{\"model\":\"mock/echo\",\"stream\":true," + MESSAGES + "}")),
            target -> tagged(Call.post(target, "/v1/responses",
                    "{\"model\":\"mock/echo\",\"input\":\"warming up\",\"store\":false}")),
            CHAT,
            target -> tagged(Call.messages(target, "{\"model\":\"mock/echo\",\"max_tokens\":16," + MESSAGES + "}")),
            target -> tagged(Call.post(target, "/v1/embeddings", "{\"model\":\"mock/embed\",\"input\":\"warming up\"}")));

    private StackWarmUp() {
    }

    /**
     * Warms the routers at these base URLs for the duration, or not at all when a first chat call to {@code mock/echo}
     * does not answer 200 (an adapter set that leaves {@code mock} out, say).
     *
     * @return what the warm-up did, in a line for the launcher's output
     */
    public static String run(List<String> routerUrls, String apiKey, Duration duration, Consumer<String> progress) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            List<Call.Target> targets = routerUrls.stream()
                    .map(url -> new Call.Target(url, apiKey, null, Map.of())).toList();
            LoadGenerator probe = new LoadGenerator(vertx, DOORS.get(0).apply(targets.get(0)));
            LoadGenerator.Result first = probe.fixedRate(1, Duration.ofMillis(1));
            probe.close();
            if (first.ok() == 0) {
                return "warm-up skipped: a chat call to mock/echo did not answer 200 (is the mock provider served?)";
            }
            progress.accept("warming up for " + duration.toSeconds() + " s on mock/echo and mock/embed "
                    + "(SWITCHBOARD_WARMUP_SECONDS=0 skips it)");
            long started = System.nanoTime();
            LoadGenerator.Result result = warm(vertx, targets, duration);
            return summary(result, System.nanoTime() - started);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static LoadGenerator.Result warm(Vertx vertx, List<Call.Target> targets, Duration duration) {
        List<List<LoadGenerator>> doorsPerRouter = targets.stream()
                .map(target -> DOORS.stream().map(door -> new LoadGenerator(vertx, door.apply(target))).toList())
                .toList();
        List<LoadGenerator.Result> results = new ArrayList<>();
        long slice = Math.min(SLICE.toNanos(), Math.max(duration.toNanos() / DOORS.size(), 1_000_000));
        long end = System.nanoTime() + duration.toNanos();
        try {
            for (int turn = 0; System.nanoTime() < end; turn++) {
                Duration length = Duration.ofNanos(Math.min(slice, end - System.nanoTime()));
                int door = turn % DOORS.size();
                // The replicas are called at once, each by its own callers, so that each compiles its own hot paths.
                List<Thread> callers = doorsPerRouter.stream().map(doors -> new Thread(() -> {
                    LoadGenerator.Result result = doors.get(door).maxThroughput(CALLERS, length);
                    synchronized (results) {
                        results.add(result);
                    }
                }, "switchboard-warm-up")).toList();
                callers.forEach(Thread::start);
                for (Thread caller : callers) {
                    caller.join();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            doorsPerRouter.forEach(doors -> doors.forEach(LoadGenerator::close));
        }
        return LoadGenerator.Result.merge(results);
    }

    private static String summary(LoadGenerator.Result result, long elapsedNanos) {
        return String.format("warmed up: %d calls in %d s (%.0f/s)%s", result.ok(), Math.round(elapsedNanos / 1e9),
                result.ok() / (elapsedNanos / 1e9),
                result.errors() == 0 ? "" : ", " + result.errors() + " not answered 200");
    }

    private static Call tagged(Call call) {
        return call.withHeader("X-Switchboard-Tags", TAG);
    }
}
