package dev.switchboard.adapters.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The provider calls this process is making, by request id and attempt, so that a cancel from the router can cut one
 * off. A call cut off fails with {@link CallCancelled}.
 */
@ApplicationScoped
public class CallsInFlight {

    private final ConcurrentMap<String, CompletableFuture<Void>> calls = new ConcurrentHashMap<>();

    /** Cuts the attempt off if it is still running here; false when it is not (finished, or held by another adapter). */
    public boolean cancel(String requestId, int attempt) {
        CompletableFuture<Void> cancelled = calls.remove(key(requestId, attempt));
        return cancelled != null && cancelled.complete(null);
    }

    public int size() {
        return calls.size();
    }

    /** The call, which fails with {@link CallCancelled} when cancelled while it runs. */
    <T> Uni<T> track(String requestId, int attempt, Uni<T> call) {
        String key = key(requestId, attempt);
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        calls.put(key, cancelled);
        Uni<T> cut = Uni.createFrom().emitter(emitter -> cancelled.thenRun(() -> emitter.fail(new CallCancelled())));
        return Uni.combine().any().of(call, cut)
                .onTermination().invoke(() -> calls.remove(key, cancelled));
    }

    /** The stream, which fails with {@link CallCancelled} when cancelled while it runs; its source is cancelled then. */
    <T> Multi<T> track(String requestId, int attempt, Multi<T> stream) {
        String key = key(requestId, attempt);
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        calls.put(key, cancelled);
        Multi<T> cut = Multi.createFrom().emitter(emitter -> {
            Cancellable source = stream.subscribe().with(emitter::emit, emitter::fail, emitter::complete);
            emitter.onTermination(source::cancel);
            cancelled.thenRun(() -> emitter.fail(new CallCancelled()));
        });
        return cut.onTermination().invoke(() -> calls.remove(key, cancelled));
    }

    private static String key(String requestId, int attempt) {
        return requestId + '#' + attempt;
    }

    /** The router asked for the call to stop: its client has gone. */
    public static final class CallCancelled extends RuntimeException {

        CallCancelled() {
            super("cancelled: the client went away", null, false, false);
        }
    }
}
