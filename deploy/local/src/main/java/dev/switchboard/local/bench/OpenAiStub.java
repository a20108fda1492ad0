package dev.switchboard.local.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** A zero-latency OpenAI-compatible server for the benchmark: every chat completion gets the same small answer. */
public final class OpenAiStub implements AutoCloseable {

    private static final byte[] COMPLETION = """
            {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    /** Listens on a free loopback port, on the given Vert.x instance's event loops. */
    public OpenAiStub(Vertx vertx) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setAcceptBacklog(1024))
                .requestHandler(OpenAiStub::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark's provider stub did not start: " + e.getMessage(), e);
        }
    }

    private static void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/v1/chat/completions" -> request.body().onComplete(ignored -> respond(request, COMPLETION));
            case "/v1/models" -> respond(request, MODELS);
            default -> request.response().setStatusCode(404).end();
        }
    }

    private static void respond(HttpServerRequest request, byte[] body) {
        request.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }

    /** The base URL as OpenAI's SDKs and the adapters take it, with the version path. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** The server's address, without a path. */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
