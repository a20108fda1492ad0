package dev.switchboard.router.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionCancel;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.UsageEvent;

/**
 * The router's one channel to the provider adapters: sends an attempt to its provider's request topic, says when an
 * adapter has taken it, hands over its first reply and then the rest of its stream as they arrive on this replica's
 * reply partition, and cancels it when nobody waits any more.
 */
@Singleton
public class AdapterChannel {

    private final RequestPublisher publisher;
    private final ReplyListener replies;
    private final PendingReplies pending;
    private final RouterAnnouncer announcer;

    public AdapterChannel(RequestPublisher publisher, ReplyListener replies, PendingReplies pending,
            RouterAnnouncer announcer) {
        this.publisher = publisher;
        this.replies = replies;
        this.pending = pending;
        this.announcer = announcer;
    }

    /**
     * Sends one attempt and starts waiting for its replies (a later attempt of the same call takes the earlier one's
     * place). A send the broker refuses fails the attempt's {@link ReplySink#first()} with a 503.
     *
     * @throws ApiException 503 while this replica has no reply partition yet
     */
    public ReplySink send(CompletionRequest request, boolean streamed, Map<String, String> headers) {
        int partition = replies.partition();
        if (partition < 0) {
            throw new ApiException(503, "The router is still starting; retry shortly.", null, "router_not_ready");
        }
        ReplySink sink = streamed ? new StreamReplySink(request) : new SingleReplySink(request);
        pending.register(request.requestId(), sink);
        publisher.publish(request, partition, announcer.replica(), headers).whenComplete((ignored, failure) -> {
            if (failure == null) {
                sink.queued().complete(null);
            } else {
                Log.errorf("Request %s could not be queued: %s", request.requestId(), failure.getMessage());
                sink.first().completeExceptionally(new ApiException(503, "The request could not be queued for provider "
                        + request.provider() + "; retry shortly.", null, "queue_unavailable"));
            }
        });
        return sink;
    }

    /**
     * Completes once an adapter has taken the attempt (its acknowledgement or any reply came), or when the send failed
     * (with that failure); fails with a {@link java.util.concurrent.TimeoutException} when no adapter took it within
     * {@code waitMs} of the broker having it. The wait starts there: a request still in this replica's producer (the
     * broker away, or slow) is not one that no adapter takes, and its call runs into its own deadline instead. Completes
     * after {@code limitMs} in any case, leaving the attempt's deadline to the wait for its reply.
     */
    public Uni<Void> taken(ReplySink sink, long waitMs, long limitMs) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        CompletableFuture.anyOf(sink.taken(), sink.first()).whenComplete((ignored, failure) -> {
            if (failure == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(failure);
            }
        });
        // On worker threads, as in firstReply; each timer goes once the wait is over, so none holds the sink meanwhile.
        ScheduledExecutorService timer = Infrastructure.getDefaultWorkerPool();
        sink.queued().thenRun(() -> {
            ScheduledFuture<?> notTaken = timer.schedule(() -> result.completeExceptionally(new TimeoutException()),
                    waitMs, TimeUnit.MILLISECONDS);
            result.whenComplete((ignored, failure) -> notTaken.cancel(false));
        });
        ScheduledFuture<?> limit = timer.schedule(() -> result.complete(null), limitMs, TimeUnit.MILLISECONDS);
        result.whenComplete((ignored, failure) -> limit.cancel(false));
        return Uni.createFrom().completionStage(result);
    }

    /**
     * The attempt's first reply; fails with a {@link java.util.concurrent.TimeoutException} after the wait. The wait
     * ends on a worker thread: {@code CompletableFuture.orTimeout} would end it on the one thread the whole JVM shares
     * for such timeouts, where the rest of the call (the next attempt, or the 504 written) then runs, behind every other
     * call whose time ran out at the same moment.
     */
    public Uni<CompletionReply> firstReply(ReplySink sink, long waitMs) {
        return Uni.createFrom().completionStage(sink.first())
                .ifNoItem().after(Duration.ofMillis(waitMs)).failWith(TimeoutException::new);
    }

    /** A stream's replies from the first on (role-only chunks held before it included), as they arrive. */
    public Multi<CompletionReply> stream(StreamReplySink sink) {
        return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(sink.opening()), sink.rest());
    }

    /** Stops an attempt at its adapter, unless it has given its last reply (or none was sent). */
    public void cancel(ReplySink sink) {
        if (sink != null && !sink.finished()) {
            CompletionRequest request = sink.request();
            publisher.publishCancel(request.provider(), new CompletionCancel(request.requestId(), request.attempt()));
        }
    }

    /** Stops waiting for a call's replies; those that still come are dropped. */
    public void release(String requestId) {
        pending.forget(requestId);
    }

    /**
     * Sends a usage event the router made itself (a cache hit) with the same producer, with the call's record headers;
     * a failure is only logged.
     */
    public void publishUsage(UsageEvent event, Map<String, String> headers) {
        publisher.publishUsage(event, headers);
    }
}
