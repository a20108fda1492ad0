package dev.switchboard.adapters.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.switchboard.adapters.config.AdaptersConfig;

/**
 * Holds back a plain call's acknowledgement until {@code switchboard.adapters.ack-delay} after its router sent the
 * request, and drops it when the answer is out before then: the answer tells the router as much, one record fewer on
 * the reply partition for every call answered that fast. A router waits seconds for an acknowledgement before it gives
 * up on an attempt, so the hold costs it nothing it would act on.
 */
@Singleton
public class DeferredAcks {

    private final Vertx vertx;
    private final long delayMs;

    public DeferredAcks(Vertx vertx, AdaptersConfig config) {
        this.vertx = vertx;
        this.delayMs = config.ackDelay().toMillis();
    }

    /**
     * The acknowledgement, then the answer; or the answer alone when it comes before the acknowledgement is due. A stream,
     * and a request that already waited in Kafka for the delay, are acknowledged at once. The acknowledgement is made
     * only when it is sent.
     *
     * @param streamed whether the answer is a stream: a second acknowledgement of a stream under way tells its router
     *        another adapter took it again, so a stream's is never held back
     * @param queuedMs how long the request waited in Kafka before it was taken
     */
    <T> Multi<T> ahead(Supplier<T> ack, Multi<T> answer, boolean streamed, long queuedMs) {
        long holdMs = delayMs - queuedMs;
        if (streamed || holdMs <= 0) {
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(ack), answer);
        }
        CompletableFuture<Boolean> due = new CompletableFuture<>();
        long timer = vertx.setTimer(holdMs, ignored -> due.complete(true));
        Runnable answered = () -> {
            if (due.complete(false)) {
                vertx.cancelTimer(timer);
            }
        };
        Multi<T> ackIfDue = Uni.createFrom().completionStage(due)
                .onItem().transformToMulti(send -> send ? Multi.createFrom().item(ack) : Multi.createFrom().empty());
        return Multi.createBy().merging().streams(ackIfDue,
                answer.onItem().invoke(answered).onTermination().invoke(answered));
    }
}
