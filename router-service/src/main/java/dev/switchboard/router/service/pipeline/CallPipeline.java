package dev.switchboard.router.service.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.messaging.AdapterChannel;
import dev.switchboard.router.messaging.StreamReplySink;
import dev.switchboard.router.service.pipeline.ResponseCache.CachedAnswer;

/**
 * The one way every front door's calls go, in no dialect: hooks and gates before the call, the cache, the attempts within one
 * deadline ({@link AttemptRunner}), and a result the door writes in its dialect. It keeps each call's books: the
 * replies it waits for, the attempt to cancel when the caller leaves, and the hooks after the call.
 */
@Singleton
public class CallPipeline {

    private final AttemptRunner attempts;
    private final AdapterChannel channel;
    private final ResponseCache cache;
    private final CallHooks hooks;
    private final CallGate[] gates;
    private final DeadlineTimer deadlines;
    private final RouterConfig config;

    public CallPipeline(AttemptRunner attempts, AdapterChannel channel, ResponseCache cache, CallHooks hooks,
            @All List<CallGate> gates, DeadlineTimer deadlines, RouterConfig config) {
        this.attempts = attempts;
        this.channel = channel;
        this.cache = cache;
        this.hooks = hooks;
        this.gates = gates.toArray(CallGate[]::new);
        this.deadlines = deadlines;
        this.config = config;
    }

    /**
     * Runs a call and hands its result to the door's writer. The item never fails: a failure is a result too. Cancelling
     * it (the caller left) cancels the attempt in flight.
     */
    public <T> Uni<T> run(CallRequest request, Function<CallResult, T> door) {
        Call call = new Call(request, "req_" + UUID.randomUUID().toString().replace("-", ""),
                System.currentTimeMillis() + config.requestTimeout().toMillis());
        try {
            hooks.beforeCall(call);
        } catch (RuntimeException refused) {
            return Uni.createFrom().item(door.apply(failed(call, refused)));
        }
        if (gates.length == 0) {
            return proceed(call, door);
        }
        return admit(call, 0)
                .onItemOrFailure().transformToUni((admitted, refused) -> refused == null ? proceed(call, door)
                        : Uni.createFrom().item(door.apply(failed(call, refused))))
                .onCancellation().invoke(() -> abandon(call));
    }

    /** The gates one after another; the first to refuse decides. */
    private Uni<Void> admit(Call call, int index) {
        if (index == gates.length) {
            return Uni.createFrom().voidItem();
        }
        return gates[index].admit(call).chain(() -> admit(call, index + 1));
    }

    /** The cache, then the attempts: what follows once the call is admitted. */
    private <T> Uni<T> proceed(Call call, Function<CallResult, T> door) {
        CallRequest request = call.request();
        String cacheKey = null;
        try {
            if (ResponseCache.applies(request.body(), request.cacheMode(), request.streamed())) {
                cacheKey = cache.key(request.operation(), request.body(), request.caller().keyId(),
                        request.forwardHeaders());
                var hit = cache.get(cacheKey);
                if (hit.isPresent()) {
                    return Uni.createFrom().item(door.apply(cacheHit(call, hit.get())));
                }
            }
        } catch (RuntimeException refused) {
            return Uni.createFrom().item(door.apply(failed(call, refused)));
        }
        String key = cacheKey;
        // The deadline holds on its own: whatever the attempts wait for (the broker, a starved worker pool), the call
        // ends when its time is up, and the attempt still out is cancelled at its adapter (in failed).
        return attempts.run(call)
                .ifNoItem().after(Duration.ofMillis(Math.max(1, call.timeLeft()))).on(deadlines.executor())
                .failWith(() -> attempts.timeoutError(call))
                .map(first -> door.apply(request.streamed() ? streaming(call, first) : answered(call, first, key)))
                .onFailure().recoverWithItem(failure -> door.apply(failed(call, failure)))
                .onCancellation().invoke(() -> abandon(call));
    }

    private CallResult answered(Call call, CompletionReply reply, String cacheKey) {
        channel.release(call.requestId());
        String cacheState = null;
        if (cacheKey != null) {
            Candidate candidate = call.candidate();
            cache.put(cacheKey, new CachedAnswer(reply.completion().deepCopy(), call.sentBody().operation(),
                    candidate.provider(), candidate.model()));
            cacheState = CallResult.CACHE_MISS;
        }
        hooks.afterCall(call, Outcome.SUCCESS, null);
        return CallResult.answered(call, reply, cacheState, hooks.answerHeaders(call, null));
    }

    private CallResult cacheHit(Call call, CachedAnswer hit) {
        CallRequest request = call.request();
        channel.publishUsage(call.usage(1, new Candidate(hit.provider(), hit.model()))
                .outcome(Outcome.SUCCESS)
                .route(request.plan().routeInfo(false, "cache hit"))
                .cacheHit(true)
                .build(), call.recordHeaders());
        hooks.afterCall(call, Outcome.SUCCESS, null);
        return CallResult.cached(call, new Candidate(hit.provider(), hit.model()), hit.completion().deepCopy(),
                hit.operation(), hooks.answerHeaders(call, null));
    }

    /** A stream from its first reply on, within the idle timeout and the call's deadline; its end closes the call's books. */
    private CallResult streaming(Call call, CompletionReply first) {
        StreamReplySink sink = (StreamReplySink) call.sent;
        List<CompletionReply> opening = sink.opening();
        List<String> dropped = null;
        // The adapter names the dropped parameters on the stream's first chunk, which may be a held role-only one.
        for (int i = 0; i < opening.size() && dropped == null; i++) {
            dropped = opening.get(i).droppedParameters();
        }
        long idle = Math.max(1, Math.min(config.streamIdleTimeout().toMillis(), call.timeLeft()));
        Multi<CompletionReply> stream = withinDeadline(call, channel.stream(sink))
                .invoke(reply -> {
                    if (reply.last() || reply.chunk() != null && reply.chunk().get("usage") instanceof ObjectNode) {
                        hooks.streamReply(call, reply);
                    }
                })
                .ifNoItem().after(Duration.ofMillis(idle)).on(deadlines.executor()).failWith(TimeoutException::new)
                .onFailure(TimeoutException.class).transform(e -> silence(call, idle))
                .onTermination().invoke((failure, cancelled) -> {
                    if (cancelled) {
                        abandon(call);
                    } else {
                        channel.release(call.requestId());
                        // A stream cut here (silence, the deadline) is still running at its adapter, if that lives.
                        channel.cancel(sink);
                        hooks.afterCall(call, failure == null && !sink.endedWithError() ? Outcome.SUCCESS : Outcome.ERROR,
                                failure);
                    }
                });
        return CallResult.streaming(call, dropped, stream, hooks.answerHeaders(call, null));
    }

    /**
     * The stream's replies until the call's deadline: the idle timeout bounds the gaps between chunks, this its end, so
     * that chunks still trickling in past the deadline end the stream with the call's timeout error.
     */
    private Multi<CompletionReply> withinDeadline(Call call, Multi<CompletionReply> replies) {
        return Multi.createFrom().emitter(emitter -> {
            // The call's own timeout error, not a TimeoutException: silence() would call a timer a millisecond early a cut.
            ScheduledFuture<?> due = deadlines.executor().schedule(() -> emitter.fail(attempts.timeoutError(call)),
                    Math.max(1, call.timeLeft()), TimeUnit.MILLISECONDS);
            Cancellable upstream = replies.subscribe().with(emitter::emit, emitter::fail, emitter::complete);
            emitter.onTermination(() -> {
                due.cancel(false);
                upstream.cancel();
            });
        });
    }

    /**
     * A stream under way that brought nothing for the idle timeout: its adapter died or hangs (a provider's own silence
     * is cut by the adapter first, with its tokens counted), or the call's deadline passed.
     */
    private ApiException silence(Call call, long idleMs) {
        if (call.timeLeft() <= 0) {
            return attempts.timeoutError(call);
        }
        return new ApiException(502, "Provider " + call.candidate().provider() + ": the stream brought nothing for "
                + idleMs + " ms and was cut.", null, ErrorClass.STREAM_CUT.wireName());
    }

    private CallResult failed(Call call, Throwable failure) {
        channel.release(call.requestId());
        ApiException api;
        if (failure instanceof ApiException known) {
            api = known;
            if (AttemptRunner.isTimeout(known)) {
                // Past its deadline the attempt still out would only spend tokens nobody reads, as when a client leaves.
                channel.cancel(call.sent);
            }
        } else {
            Log.errorf(failure, "Call %s failed", call.requestId());
            api = new ApiException(500, "internal error; see the router log", null, null);
        }
        hooks.afterCall(call, Outcome.ERROR, api);
        return CallResult.failed(call, api, hooks.answerHeaders(call, api));
    }

    /** The caller has gone: no reply is awaited any more, and the attempt still running is stopped. */
    private void abandon(Call call) {
        channel.release(call.requestId());
        channel.cancel(call.sent);
        hooks.afterCall(call, Outcome.CANCELLED, null);
    }
}
