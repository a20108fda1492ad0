package dev.switchboard.adapters.client.mock;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.openai.OpenAiCompatibleClient;
import dev.switchboard.contracts.ApiError;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Providers;

/**
 * {@code mock/loopback}: the echo, served by an OpenAI-compatible HTTP server of the mock's own on 127.0.0.1 and called
 * through the HTTP client and translation every OpenAI-compatible provider goes through, so that calls to it (the
 * launcher's warm-up) run the adapters' provider path as real traffic does. The server starts on the first call, at a
 * free port, bound to the loopback address, so nothing off the host reaches it. It runs on a Vert.x of its own, apart
 * from the service's, whose HTTP metrics and traces would otherwise count it as a front door of the adapters.
 */
final class MockLoopback {

    static final String PATH = "/v1/chat/completions";
    /** The server answers at once; the timeout only guards against a call lost on the way. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ProviderHttp http;
    private final ErrorClassifier classifier;
    private final ObjectMapper mapper;
    private final MockAnswers answers;
    private final AtomicLong answered = new AtomicLong();
    private volatile OpenAiCompatibleClient client;
    private Uni<OpenAiCompatibleClient> starting;
    private Vertx vertx;
    private HttpServer server;

    MockLoopback(ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper, MockAnswers answers) {
        this.http = http;
        this.classifier = classifier;
        this.mapper = mapper;
        this.answers = answers;
    }

    Uni<ProviderResponse> complete(CompletionRequest request) {
        return client().chain(started -> started.complete(request));
    }

    Multi<ObjectNode> stream(CompletionRequest request) {
        return client().onItem().transformToMulti(started -> started.stream(request));
    }

    /** The server's port once a call has started it, or 0 before. */
    synchronized int port() {
        return server == null ? 0 : server.actualPort();
    }

    synchronized void close() {
        if (vertx != null) {
            vertx.close();
            vertx = null;
            server = null;
        }
    }

    private Uni<OpenAiCompatibleClient> client() {
        OpenAiCompatibleClient started = client;
        return started != null ? Uni.createFrom().item(started) : start();
    }

    /** Starts the server once; a start that failed is tried again by the next call. */
    private synchronized Uni<OpenAiCompatibleClient> start() {
        if (starting == null) {
            if (vertx == null) {
                vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                        .setInternalBlockingPoolSize(1));
            }
            Vertx own = vertx;
            starting = Uni.createFrom()
                    .completionStage(() -> own.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                            .requestHandler(this::answer).listen().toCompletionStage())
                    .map(this::started)
                    .onFailure().invoke(this::forgetStart)
                    .memoize().indefinitely();
        }
        return starting;
    }

    private synchronized OpenAiCompatibleClient started(HttpServer listening) {
        server = listening;
        client = new OpenAiCompatibleClient(new Endpoint(Providers.MOCK, "http://127.0.0.1:" + listening.actualPort() + "/v1",
                null, TIMEOUT, List.of()), false, http, classifier, mapper);
        return client;
    }

    private synchronized void forgetStart(Throwable failure) {
        starting = null;
    }

    /** The server's side: a chat completion, whole or streamed as server-sent events, in OpenAI's shapes. */
    private void answer(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST || !PATH.equals(request.path())) {
            error(request.response(), 404, "the mock's loopback serves POST " + PATH + " only");
            return;
        }
        request.body().onSuccess(bytes -> {
            JsonNode body;
            try {
                body = mapper.readTree(bytes.getBytes());
            } catch (IOException e) {
                error(request.response(), 400, "the body is not JSON");
                return;
            }
            String id = ChatCompletions.id("loopback-" + answered.incrementAndGet());
            String model = body.path("model").asText();
            if (!body.path("stream").asBoolean()) {
                request.response().putHeader("Content-Type", "application/json")
                        .end(answers.completion(id, model, body).toString());
                return;
            }
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "text/event-stream");
            for (ObjectNode chunk : answers.chunks(id, model, body)) {
                response.write("data: " + chunk + "\n\n");
            }
            response.end("data: [DONE]\n\n");
        });
    }

    /** OpenAI's error body, as every Switchboard API writes it ({@link ApiError}). */
    private void error(HttpServerResponse response, int status, String message) {
        String body;
        try {
            body = mapper.writeValueAsString(ApiError.of(message, ApiError.typeFor(status), null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ApiError is always writable", e);
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
