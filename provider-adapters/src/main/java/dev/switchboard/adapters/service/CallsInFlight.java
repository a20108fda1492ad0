package dev.switchboard.adapters.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The provider calls this process is making, by request id and attempt, so that a cancel from the router can cut one
 * off. A call cut off fails with {@link CallCancelled}, and its source is cancelled.
 */
@ApplicationScoped
public class CallsInFlight {

    private final ConcurrentMap<String, Runnable> calls = new ConcurrentHashMap<>();

    /** Cuts the attempt off if it is still running here; false when it is not (finished, or held by another adapter). */
    public boolean cancel(String requestId, int attempt) {
        Runnable cut = calls.remove(key(requestId, attempt));
        if (cut == null) {
            return false;
        }
        cut.run();
        return true;
    }

    public int size() {
        return calls.size();
    }

    /**
     * The call, subscribed with {@code context}, which fails with {@link CallCancelled} when cancelled while it runs.
     */
    <T> Uni<T> track(String requestId, int attempt, Uni<T> call, Context context) {
        String key = key(requestId, attempt);
        return Uni.createFrom().emitter(emitter -> register(key,
                call.subscribe().with(context, emitter::complete, emitter::fail), emitter::fail, emitter::onTermination));
    }

    /**
     * The stream, subscribed with {@code context}, which fails with {@link CallCancelled} when cancelled while it runs.
     */
    <T> Multi<T> track(String requestId, int attempt, Multi<T> stream, Context context) {
        String key = key(requestId, attempt);
        return Multi.createFrom().emitter(emitter -> register(key,
                stream.subscribe().with(context, emitter::emit, emitter::fail, emitter::complete), emitter::fail,
                emitter::onTermination));
    }

    /**
     * Lets a cancel cut the running source off and fail its emitter; once the emitter terminates, however it does, the
     * source is cancelled and the call forgotten.
     */
    private void register(String key, Cancellable source, Consumer<Throwable> fail, Consumer<Runnable> onTermination) {
        Runnable cut = () -> {
            source.cancel();
            fail.accept(new CallCancelled());
        };
        calls.put(key, cut);
        onTermination.accept(() -> {
            source.cancel();
            calls.remove(key, cut);
        });
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
