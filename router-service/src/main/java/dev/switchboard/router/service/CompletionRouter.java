package dev.switchboard.router.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ApiError;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.router.ChatRequest;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.messaging.ReplyListener;
import dev.switchboard.router.messaging.RequestPublisher;

/**
 * Sends a call to its provider's topic and answers from the replies on this replica's partition, within the call's
 * deadline: one JSON body for a plain call, server-sent events for a streamed one. Failures become OpenAI error bodies.
 */
@ApplicationScoped
public class CompletionRouter {

    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final RequestPublisher publisher;
    private final ReplyListener replies;
    private final PendingReplies pending;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public CompletionRouter(RequestPublisher publisher, ReplyListener replies, PendingReplies pending, ObjectMapper mapper,
            RouterConfig config) {
        this.publisher = publisher;
        this.replies = replies;
        this.pending = pending;
        this.mapper = mapper;
        this.timeout = config.requestTimeout();
    }

    public Uni<RouterAnswer> route(ChatRequest call, String apiKeyId) {
        String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        boolean stream = call.body().path("stream").asBoolean(false);
        Uni<RouterAnswer> answer = stream ? stream(call, requestId, apiKeyId) : complete(call, requestId, apiKeyId);
        return answer.onFailure().recoverWithItem(failure -> error(failure, requestId, call));
    }

    private Uni<RouterAnswer> complete(ChatRequest call, String requestId, String apiKeyId) {
        SingleReplySink sink = new SingleReplySink();
        long deadline = send(call, requestId, apiKeyId, sink, sink.reply());
        return await(sink.reply(), deadline, call)
                .onTermination().invoke(() -> pending.forget(requestId))
                .map(reply -> {
                    if (!reply.succeeded()) {
                        throw new ProviderFailure(call.provider(), reply.error());
                    }
                    reply.completion().put("model", call.qualifiedModel());
                    return RouterAnswer.json(200, headers(requestId, call, reply), bytes(reply.completion()));
                });
    }

    private Uni<RouterAnswer> stream(ChatRequest call, String requestId, String apiKeyId) {
        StreamReplySink sink = new StreamReplySink();
        long deadline = send(call, requestId, apiKeyId, sink, sink.first());
        return await(sink.first(), deadline, call)
                .onFailure().invoke(() -> pending.forget(requestId))
                .map(first -> {
                    if (first.error() != null) {
                        pending.forget(requestId);
                        throw new ProviderFailure(call.provider(), first.error());
                    }
                    Multi<Buffer> events = Multi.createBy().concatenating()
                            .streams(Multi.createFrom().item(first), sink.rest())
                            .ifNoItem().after(Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())))
                            .failWith(TimeoutException::new)
                            .map(reply -> event(reply, call))
                            .onFailure().recoverWithItem(failure -> errorEvent(failure, call))
                            .onTermination().invoke(() -> pending.forget(requestId));
                    return RouterAnswer.stream(headers(requestId, call, first), events);
                });
    }

    /** Registers the sink and publishes the request; returns the call's absolute deadline. */
    private long send(ChatRequest call, String requestId, String apiKeyId, ReplySink sink,
            CompletableFuture<CompletionReply> failOnQueueError) {
        int partition = replies.partition();
        if (partition < 0) {
            throw new ApiException(503, "The router is still starting; retry shortly.", null, "router_not_ready");
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        pending.register(requestId, sink);
        CompletionRequest request = new CompletionRequest(requestId, 1, call.provider(), call.model(), deadline, apiKeyId,
                call.body());
        publisher.publish(request, partition).whenComplete((ignored, failure) -> {
            if (failure != null) {
                Log.errorf("Request %s could not be queued: %s", requestId, failure.getMessage());
                failOnQueueError.completeExceptionally(new ApiException(503, "The request could not be queued for provider "
                        + call.provider() + "; retry shortly.", null, "queue_unavailable"));
            }
        });
        return deadline;
    }

    private Uni<CompletionReply> await(CompletableFuture<CompletionReply> reply, long deadline, ChatRequest call) {
        long wait = Math.max(1, deadline - System.currentTimeMillis());
        return Uni.createFrom().completionStage(reply.orTimeout(wait, TimeUnit.MILLISECONDS))
                .onFailure(TimeoutException.class).transform(e -> timeoutError(call));
    }

    private Buffer event(CompletionReply reply, ChatRequest call) {
        if (reply.error() != null) {
            return sse(ApiError.of("Provider " + call.provider() + ": " + reply.error().message(),
                    ApiError.typeFor(reply.error().errorClass().clientStatus()), null, reply.error().errorClass().wireName()));
        }
        if (reply.chunk() == null) {
            return DONE;
        }
        ObjectNode chunk = reply.chunk();
        chunk.put("model", call.qualifiedModel());
        return sse(chunk);
    }

    private Buffer errorEvent(Throwable failure, ChatRequest call) {
        Throwable cause = failure instanceof TimeoutException ? timeoutError(call) : failure;
        if (cause instanceof ApiException api) {
            return sse(ApiError.of(api.getMessage(), ApiError.typeFor(api.status()), api.param(), api.code()));
        }
        Log.errorf(failure, "Stream for %s failed", call.qualifiedModel());
        return sse(ApiError.of("The stream failed inside the gateway.", "api_error", null, null));
    }

    private RouterAnswer error(Throwable failure, String requestId, ChatRequest call) {
        ApiException api = failure instanceof ApiException known ? known
                : new ApiException(500, "internal error; see the router log", null, null);
        if (!(failure instanceof ApiException)) {
            Log.errorf(failure, "Call %s failed", requestId);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", requestId);
        headers.put("X-Switchboard-Provider", call.provider());
        headers.put("X-Switchboard-Model", call.qualifiedModel());
        if (failure instanceof ProviderFailure provider && provider.error().retryAfterMs() != null) {
            headers.put("Retry-After", String.valueOf(Math.max(1, (provider.error().retryAfterMs() + 999) / 1000)));
        }
        return RouterAnswer.json(api.status(), headers,
                bytes(ApiError.of(api.getMessage(), ApiError.typeFor(api.status()), api.param(), api.code())));
    }

    private ApiException timeoutError(ChatRequest call) {
        return new ApiException(504, "No answer from provider " + call.provider() + " within " + timeout.toSeconds() + " s.",
                null, "timeout");
    }

    private static Map<String, String> headers(String requestId, ChatRequest call, CompletionReply reply) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", requestId);
        headers.put("X-Switchboard-Provider", call.provider());
        headers.put("X-Switchboard-Model", call.qualifiedModel());
        headers.put("X-Switchboard-Attempts", String.valueOf(reply.attempt()));
        if (reply.droppedParameters() != null) {
            headers.put("X-Switchboard-Dropped-Params", String.join(",", reply.droppedParameters()));
        }
        return headers;
    }

    private Buffer sse(Object event) {
        return Buffer.buffer("data: " + new String(bytes(event), StandardCharsets.UTF_8) + "\n\n");
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
