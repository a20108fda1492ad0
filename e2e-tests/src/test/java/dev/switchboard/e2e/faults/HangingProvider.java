package dev.switchboard.e2e.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;

/**
 * An OpenAI-compatible provider that takes a chat call and never answers it, and sees when the adapter closes the call's
 * connection: the only way a provider learns that nobody waits for its answer (WireMock cannot tell). Anything else is a
 * 404.
 */
final class HangingProvider implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    /** One call the provider holds: its body, and when its connection closed. */
    record Call(String body, CompletableFuture<Void> closed) {
    }

    HangingProvider() {
        server = vertx.createHttpServer().requestHandler(request -> {
            if (request.method() != HttpMethod.POST || !request.path().endsWith("/chat/completions")) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.body().onSuccess(body -> {
                Call call = new Call(body.toString(), new CompletableFuture<>());
                request.connection().closeHandler(ignored -> call.closed().complete(null));
                calls.add(call);
            });
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the hanging provider did not start", e);
        }
    }

    /** The base URL to give the adapters, {@code /v1} included. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /** The call whose body contains {@code marker}, once it arrives within {@code limit}. */
    Call await(String marker, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            for (Call call : calls) {
                if (call.body().contains(marker)) {
                    return call;
                }
            }
            FaultStack.sleep(Duration.ofMillis(20));
        }
        throw new AssertionError("no provider call for " + marker + " within " + limit.toSeconds() + " s");
    }

    @Override
    public void close() {
        vertx.close();
    }
}
