package dev.switchboard.local.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A zero-latency provider for the benchmark, on one port: OpenAI's chat completions and Responses, and Anthropic's
 * Messages, each call getting the same small answer.
 */
public final class OpenAiStub implements AutoCloseable {

    private static final byte[] COMPLETION = """
            {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""".getBytes(StandardCharsets.UTF_8);
    /** OpenAI's Responses answer, for the Responses path spoken natively to OpenAI. */
    private static final byte[] RESPONSE = """
            {"id":"resp_bench","object":"response","created_at":1700000000,"status":"completed","model":"gpt-4o-mini",\
            "output":[{"type":"message","id":"msg_bench","status":"completed","role":"assistant",\
            "content":[{"type":"output_text","text":"ok","annotations":[]}]}],\
            "usage":{"input_tokens":5,"output_tokens":1,"total_tokens":6}}""".getBytes(StandardCharsets.UTF_8);
    /** Anthropic's Messages answer, for the Messages path spoken natively to Anthropic. */
    private static final byte[] MESSAGE = """
            {"id":"msg_bench","type":"message","role":"assistant","model":"claude-haiku-5-5",\
            "content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,\
            "usage":{"input_tokens":5,"output_tokens":1}}""".getBytes(StandardCharsets.UTF_8);
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
            case "/v1/responses" -> request.body().onComplete(ignored -> respond(request, RESPONSE));
            case "/v1/messages" -> request.body().onComplete(ignored -> respond(request, MESSAGE));
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
