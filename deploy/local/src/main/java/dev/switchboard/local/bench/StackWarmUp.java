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

    /**
     * The chat models warmed, the first one a router answers being taken: {@code mock/loopback} answers over the
     * adapters' own HTTP client and OpenAI-compatible translation, as a real provider is called; {@code mock/echo}, for
     * adapters that lack it, answers in the adapter's process.
     */
    static final List<String> CHAT_MODELS = List.of("mock/loopback", "mock/echo");

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"warming up\"}]";

    /** The doors called, in turn, on a chat model; chat, the API most callers use, twice as often as the others. */
    static List<Function<Call.Target, Call>> doors(String model) {
        Function<Call.Target, Call> chat = target -> tagged(Call.post(target, "/v1/chat/completions",
                "{\"model\":\"" + model + "\"," + MESSAGES + "}"));
        return List.of(
                chat,
                target -> tagged(Call.post(target, "/v1/chat/completions",
                        "{\"model\":\"" + model + "\",\"stream\":true," + MESSAGES + "}")),
                target -> tagged(Call.post(target, "/v1/responses",
                        "{\"model\":\"" + model + "\",\"input\":\"warming up\",\"store\":false}")),
                chat,
                target -> tagged(Call.messages(target, "{\"model\":\"" + model + "\",\"max_tokens\":16," + MESSAGES
                        + "}")),
                target -> tagged(Call.post(target, "/v1/embeddings",
                        "{\"model\":\"mock/embed\",\"input\":\"warming up\"}")));
    }

    private StackWarmUp() {
    }

    /**
     * Warms the routers at these base URLs for the duration, on the first of {@link #CHAT_MODELS} whose first chat call
     * answers 200, or not at all when none does (an adapter set that leaves {@code mock} out, say).
     *
     * @return what the warm-up did, in a line for the launcher's output
     */
    public static String run(List<String> routerUrls, String apiKey, Duration duration, Consumer<String> progress) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            List<Call.Target> targets = routerUrls.stream()
                    .map(url -> new Call.Target(url, apiKey, null, Map.of())).toList();
            String model = CHAT_MODELS.stream().filter(candidate -> answers(vertx, targets.get(0), candidate)).findFirst()
                    .orElse(null);
            if (model == null) {
                return "warm-up skipped: a chat call to " + String.join(" or ", CHAT_MODELS)
                        + " did not answer 200 (is the mock provider served?)";
            }
            progress.accept("warming up for " + duration.toSeconds() + " s on " + model + " and mock/embed "
                    + "(SWITCHBOARD_WARMUP_SECONDS=0 skips it)");
            long started = System.nanoTime();
            LoadGenerator.Result result = warm(vertx, targets, doors(model), duration);
            return summary(result, System.nanoTime() - started);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static boolean answers(Vertx vertx, Call.Target target, String model) {
        LoadGenerator probe = new LoadGenerator(vertx, doors(model).get(0).apply(target));
        try {
            return probe.fixedRate(1, Duration.ofMillis(1)).ok() > 0;
        } finally {
            probe.close();
        }
    }

    private static LoadGenerator.Result warm(Vertx vertx, List<Call.Target> targets,
            List<Function<Call.Target, Call>> doors, Duration duration) {
        List<List<LoadGenerator>> doorsPerRouter = targets.stream()
                .map(target -> doors.stream().map(door -> new LoadGenerator(vertx, door.apply(target))).toList())
                .toList();
        List<LoadGenerator.Result> results = new ArrayList<>();
        long slice = Math.min(SLICE.toNanos(), Math.max(duration.toNanos() / doors.size(), 1_000_000));
        long end = System.nanoTime() + duration.toNanos();
        try {
            for (int turn = 0; System.nanoTime() < end; turn++) {
                Duration length = Duration.ofNanos(Math.min(slice, end - System.nanoTime()));
                int door = turn % doors.size();
                // The replicas are called at once, each by its own callers, so that each compiles its own hot paths.
                List<Thread> callers = doorsPerRouter.stream().map(routerDoors -> new Thread(() -> {
                    LoadGenerator.Result result = routerDoors.get(door).maxThroughput(CALLERS, length);
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
            doorsPerRouter.forEach(routerDoors -> routerDoors.forEach(LoadGenerator::close));
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
