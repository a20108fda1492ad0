package dev.switchboard.router.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ApiError;
import dev.switchboard.contracts.CompletionCancel;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.ChatRequest;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.messaging.ReplyListener;
import dev.switchboard.router.messaging.RequestPublisher;
import dev.switchboard.router.service.ResponseCache.CachedAnswer;

/**
 * Runs a call's plan within its one deadline: each candidate in turn, skipping open circuits; retryable failures are
 * retried with backoff (or after the provider's Retry-After when it fits the time left); auth and unknown-model failures
 * move to the next candidate, context-length ones to a candidate with a larger window, and a bad request goes back to
 * the client. A stream can still fall back until its first chunk is on its way to the client. An attempt nobody waits
 * for any more (its client went away, or the router gave up on its first chunk) is cancelled at its adapter.
 */
@ApplicationScoped
public class CompletionRouter {

    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final RequestPublisher publisher;
    private final ReplyListener replies;
    private final PendingReplies pending;
    private final Breakers breakers;
    private final ProviderTracker tracker;
    private final ModelCatalog catalog;
    private final ResponseCache cache;
    private final ObjectMapper mapper;
    private final RouterConfig config;

    public CompletionRouter(RequestPublisher publisher, ReplyListener replies, PendingReplies pending, Breakers breakers,
            ProviderTracker tracker, ModelCatalog catalog, ResponseCache cache, ObjectMapper mapper, RouterConfig config) {
        this.publisher = publisher;
        this.replies = replies;
        this.pending = pending;
        this.breakers = breakers;
        this.tracker = tracker;
        this.catalog = catalog;
        this.cache = cache;
        this.mapper = mapper;
        this.config = config;
    }

    public Uni<RouterAnswer> route(ChatRequest call, String apiKeyId, String cacheHeader) {
        String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        CallState state = new CallState(call, requestId, apiKeyId,
                System.currentTimeMillis() + config.requestTimeout().toMillis());
        boolean cached = ResponseCache.applies(call.body(), cacheHeader, call.streamed());
        String cacheKey = cached ? cache.key(call.body(), apiKeyId) : null;
        if (cached) {
            var hit = cache.get(cacheKey);
            if (hit.isPresent()) {
                return Uni.createFrom().item(cacheHit(state, hit.get()));
            }
        }
        Uni<RouterAnswer> answer = attempt(state, 0)
                .map(reply -> call.streamed() ? streamAnswer(state, reply) : jsonAnswer(state, reply, cacheKey));
        return answer.onFailure().recoverWithItem(failure -> error(failure, state))
                .onCancellation().invoke(() -> abandon(state));
    }

    /** One attempt at the current candidate; on failure, decides whether to retry, move on or give up. */
    private Uni<CompletionReply> attempt(CallState state, int retry) {
        while (state.candidateIndex < state.call.plan().candidates().size() && breakers.isOpen(state.candidate())) {
            state.notes.add(state.candidate().qualified() + " skipped: circuit open");
            state.candidateIndex++;
        }
        if (state.candidateIndex >= state.call.plan().candidates().size()) {
            // Out of candidates: the client gets the last provider failure, which says most about what went wrong.
            return Uni.createFrom().failure(state.lastFailure != null ? state.lastFailure
                    : new ApiException(503, "No model could take the call: " + String.join("; ", state.notes) + ".", null,
                            "no_candidate"));
        }
        if (state.timeLeft() <= 0) {
            return Uni.createFrom().failure(timeoutError(state));
        }
        Candidate candidate = state.candidate();
        int attempt = ++state.attempts;
        long started = System.currentTimeMillis();
        return breakers.guard(candidate, () -> send(state, candidate, attempt))
                .invoke(reply -> tracker.record(candidate.provider(), false, System.currentTimeMillis() - started))
                .onFailure().recoverWithUni(failure -> {
                    tracker.record(candidate.provider(), !(failure instanceof CircuitBreakerOpenException),
                            System.currentTimeMillis() - started);
                    return next(state, retry, failure);
                });
    }

    private Uni<CompletionReply> next(CallState state, int retry, Throwable failure) {
        Candidate candidate = state.candidate();
        if (failure instanceof CircuitBreakerOpenException) {
            state.notes.add(candidate.qualified() + " skipped: circuit open");
            return moveOn(state);
        }
        if (!(failure instanceof ProviderFailure provider)) {
            return Uni.createFrom().failure(failure);
        }
        state.lastFailure = provider;
        ReplyError error = provider.error();
        ErrorClass errorClass = error.errorClass();
        if (errorClass == ErrorClass.BAD_REQUEST || errorClass == ErrorClass.CONTENT_FILTER) {
            return Uni.createFrom().failure(failure);
        }
        if (errorClass.retryable() && retry < config.retry().maxRetries()) {
            long delay = error.retryAfterMs() != null ? error.retryAfterMs() : Backoff.delayMs(config.retry(), retry);
            if (delay < state.timeLeft()) {
                state.notes.add(candidate.qualified() + " " + errorClass.wireName() + ", retried after " + delay + " ms");
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(Math.max(1, delay)))
                        .onItem().transformToUni(ignored -> attempt(state, retry + 1));
            }
        }
        state.notes.add(candidate.qualified() + " " + errorClass.wireName());
        if (errorClass == ErrorClass.CONTEXT_LENGTH) {
            return largerWindow(state, failure);
        }
        return moveOn(state);
    }

    private Uni<CompletionReply> moveOn(CallState state) {
        state.candidateIndex++;
        return attempt(state, 0);
    }

    /** After a context-length failure, only a candidate with a larger known window is worth trying. */
    private Uni<CompletionReply> largerWindow(CallState state, Throwable failure) {
        int window = windowOf(state.candidate());
        var candidates = state.call.plan().candidates();
        for (int i = state.candidateIndex + 1; i < candidates.size(); i++) {
            if (windowOf(candidates.get(i)) > window) {
                state.candidateIndex = i;
                return attempt(state, 0);
            }
        }
        return Uni.createFrom().failure(failure);
    }

    private int windowOf(Candidate candidate) {
        return catalog.find(candidate.qualified()).map(model -> model.contextWindow()).orElse(0);
    }

    /** Publishes one attempt and waits for its first reply; a failed reply fails the Uni with its class. */
    private Uni<CompletionReply> send(CallState state, Candidate candidate, int attempt) {
        int partition = replies.partition();
        if (partition < 0) {
            return Uni.createFrom().failure(new ApiException(503, "The router is still starting; retry shortly.", null,
                    "router_not_ready"));
        }
        CompletableFuture<CompletionReply> first;
        if (state.call.streamed()) {
            StreamReplySink sink = new StreamReplySink(attempt);
            pending.register(state.requestId, sink);
            first = sink.first();
            state.stream = sink;
            state.sentSink = sink;
        } else {
            SingleReplySink sink = new SingleReplySink(attempt);
            pending.register(state.requestId, sink);
            first = sink.reply();
            state.sentSink = sink;
        }
        state.sentAttempt = attempt;
        state.sentProvider = candidate.provider();
        CompletionRequest request = new CompletionRequest(state.requestId, attempt, candidate.provider(), candidate.model(),
                state.deadline, state.apiKeyId, Operation.CHAT, Dialect.OPENAI, state.call.body(), null,
                state.call.plan().routeInfo(state.fellBack(), state.routeReason()));
        publisher.publish(request, partition).whenComplete((ignored, failure) -> {
            if (failure != null) {
                Log.errorf("Request %s could not be queued: %s", state.requestId, failure.getMessage());
                first.completeExceptionally(new ApiException(503, "The request could not be queued for provider "
                        + candidate.provider() + "; retry shortly.", null, "queue_unavailable"));
            }
        });
        long wait = state.timeLeft();
        boolean firstChunkLimit = state.call.streamed() && config.firstChunkTimeout().toMillis() < wait;
        long limit = firstChunkLimit ? config.firstChunkTimeout().toMillis() : wait;
        return Uni.createFrom().completionStage(first.orTimeout(Math.max(1, limit), TimeUnit.MILLISECONDS))
                .onFailure(TimeoutException.class).transform(e -> {
                    if (!firstChunkLimit) {
                        return timeoutError(state);
                    }
                    // The next candidate takes over; this attempt would only spend tokens nobody reads.
                    cancelSentAttempt(state);
                    return new ProviderFailure(candidate.provider(), new ReplyError(ErrorClass.TIMEOUT, 0,
                            "no first chunk within " + config.firstChunkTimeout().toMillis() + " ms", null));
                })
                .map(reply -> {
                    if (reply.error() != null) {
                        throw new ProviderFailure(candidate.provider(), reply.error());
                    }
                    return reply;
                });
    }

    /** The client has gone: no reply is awaited any more, and the attempt still running is stopped. */
    private void abandon(CallState state) {
        pending.forget(state.requestId);
        cancelSentAttempt(state);
    }

    private void cancelSentAttempt(CallState state) {
        ReplySink sink = state.sentSink;
        if (sink != null && !sink.finished()) {
            publisher.publishCancel(state.sentProvider, new CompletionCancel(state.requestId, state.sentAttempt));
        }
    }

    private RouterAnswer jsonAnswer(CallState state, CompletionReply reply, String cacheKey) {
        pending.forget(state.requestId);
        Candidate candidate = state.candidate();
        reply.completion().put("model", candidate.qualified());
        Map<String, String> headers = headers(state);
        if (reply.droppedParameters() != null) {
            headers.put("X-Switchboard-Dropped-Params", String.join(",", reply.droppedParameters()));
        }
        if (cacheKey != null) {
            cache.put(cacheKey, new CachedAnswer(reply.completion().deepCopy(), candidate.provider(), candidate.model()));
            headers.put(ResponseCache.HEADER, "miss");
        }
        return RouterAnswer.json(200, headers, bytes(reply.completion()));
    }

    private RouterAnswer cacheHit(CallState state, CachedAnswer hit) {
        ObjectNode completion = hit.completion().deepCopy();
        completion.put("id", "chatcmpl-" + state.requestId);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", state.requestId);
        headers.put("X-Switchboard-Provider", hit.provider());
        headers.put("X-Switchboard-Model", hit.provider() + "/" + hit.model());
        headers.put("X-Switchboard-Attempts", "0");
        headers.put("X-Switchboard-Fallback", "0");
        headers.put("X-Switchboard-Route", "cache hit");
        headers.put(ResponseCache.HEADER, "hit");
        publisher.publishUsage(UsageEvent.builder(state.requestId, 1)
                .timestamp(Instant.now())
                .provider(hit.provider())
                .model(hit.model())
                .operation(Operation.CHAT)
                .outcome(Outcome.SUCCESS)
                .apiKeyId(state.apiKeyId)
                .route(state.call.plan().routeInfo(false, "cache hit"))
                .cacheHit(true)
                .build());
        return RouterAnswer.json(200, headers, bytes(completion));
    }

    private RouterAnswer streamAnswer(CallState state, CompletionReply first) {
        Candidate candidate = state.candidate();
        long wait = Math.max(1, state.timeLeft());
        List<CompletionReply> opening = new ArrayList<>(state.stream.preamble());
        opening.add(first);
        Multi<Buffer> events = Multi.createBy().concatenating()
                .streams(Multi.createFrom().iterable(opening), state.stream.rest())
                .ifNoItem().after(Duration.ofMillis(wait)).failWith(TimeoutException::new)
                .map(reply -> event(reply, candidate))
                .onFailure().recoverWithItem(failure -> errorEvent(failure, state))
                .onTermination().invoke((failure, cancelled) -> {
                    if (cancelled) {
                        abandon(state);
                    } else {
                        pending.forget(state.requestId);
                    }
                });
        Map<String, String> headers = headers(state);
        // The adapter names the dropped parameters on the stream's first chunk, which may be a held role-only one.
        opening.stream().map(CompletionReply::droppedParameters).filter(Objects::nonNull).findFirst()
                .ifPresent(dropped -> headers.put("X-Switchboard-Dropped-Params", String.join(",", dropped)));
        return RouterAnswer.stream(headers, events);
    }

    private Buffer event(CompletionReply reply, Candidate candidate) {
        if (reply.error() != null) {
            return sse(ApiError.of("Provider " + candidate.provider() + ": " + reply.error().message(),
                    ApiError.typeFor(reply.error().errorClass().clientStatus()), null, reply.error().errorClass().wireName()));
        }
        if (reply.chunk() == null) {
            return DONE;
        }
        ObjectNode chunk = reply.chunk();
        chunk.put("model", candidate.qualified());
        return sse(chunk);
    }

    private Buffer errorEvent(Throwable failure, CallState state) {
        Throwable cause = failure instanceof TimeoutException ? timeoutError(state) : failure;
        if (cause instanceof ApiException api) {
            return sse(ApiError.of(api.getMessage(), ApiError.typeFor(api.status()), api.param(), api.code()));
        }
        Log.errorf(failure, "Stream %s failed", state.requestId);
        return sse(ApiError.of("The stream failed inside the gateway.", "api_error", null, null));
    }

    private RouterAnswer error(Throwable failure, CallState state) {
        pending.forget(state.requestId);
        ApiException api = failure instanceof ApiException known ? known
                : new ApiException(500, "internal error; see the router log", null, null);
        if (!(failure instanceof ApiException)) {
            Log.errorf(failure, "Call %s failed", state.requestId);
        }
        Map<String, String> headers = headers(state);
        if (failure instanceof ProviderFailure provider && provider.error().retryAfterMs() != null) {
            headers.put("Retry-After", String.valueOf(Math.max(1, (provider.error().retryAfterMs() + 999) / 1000)));
        }
        return RouterAnswer.json(api.status(), headers,
                bytes(ApiError.of(api.getMessage(), ApiError.typeFor(api.status()), api.param(), api.code())));
    }

    private ApiException timeoutError(CallState state) {
        return new ApiException(504, "No answer within " + config.requestTimeout().toSeconds() + " s (" + state.attempts
                + " attempts).", null, "timeout");
    }

    private static Map<String, String> headers(CallState state) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", state.requestId);
        int index = Math.min(state.candidateIndex, state.call.plan().candidates().size() - 1);
        Candidate candidate = state.call.plan().candidates().get(index);
        headers.put("X-Switchboard-Provider", candidate.provider());
        headers.put("X-Switchboard-Model", candidate.qualified());
        headers.put("X-Switchboard-Attempts", String.valueOf(state.attempts));
        headers.put("X-Switchboard-Fallback", String.valueOf(index));
        headers.put("X-Switchboard-Route", ascii(state.routeReason()));
        return headers;
    }

    /** Header values must be plain ASCII. */
    private static String ascii(String value) {
        return value.replaceAll("[^\\x20-\\x7E]", "?");
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
