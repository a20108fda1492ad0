package dev.switchboard.adapters.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * An OpenAI chat endpoint that never finishes: a streamed call gets a content chunk every 50 ms for as long as its
 * connection lasts, a plain one no answer at all. Each call is kept with its body and a future that completes when the
 * adapter closes its connection, the only way a provider learns that nobody reads the answer.
 */
public class EndlessProvider implements QuarkusTestResourceLifecycleManager {

    private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"more \"},"
            + "\"finish_reason\":null}]}\n\n";
    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    private Vertx vertx;

    /** One call the provider received: its body, and when its connection closed. */
    public record Call(String body, CompletableFuture<Void> closed) {
    }

    /** Every call received so far. */
    public static List<Call> calls() {
        return List.copyOf(CALLS);
    }

    /**
     * The call whose body contains {@code marker}, waiting up to 30 seconds for it to arrive (the first request waits for its
     * partition to be assigned).
     */
    public static Call awaitCall(String marker) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            for (Call call : CALLS) {
                if (call.body().contains(marker)) {
                    return call;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no provider call for " + marker);
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Call call = new Call(body.toString(), new CompletableFuture<>());
            request.connection().closeHandler(ignored -> call.closed().complete(null));
            CALLS.add(call);
            if (!call.body().contains("\"stream\":true")) {
                return;
            }
            request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            vertx.setPeriodic(50, timer -> {
                if (request.response().closed()) {
                    vertx.cancelTimer(timer);
                } else {
                    request.response().write(CHUNK);
                }
            });
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "switchboard.providers.openai.base-url", "http://127.0.0.1:" + server.actualPort() + "/v1",
                "switchboard.providers.openai.api-key", "sk-test-0123456789abcdefghijklmnop");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
