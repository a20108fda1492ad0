package dev.switchboard.adapters.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The provider calls this process is making, by request id and attempt, with the router replica that sent each, so
 * that a cancel from the router, or the replica's death, can cut one off. A call cut off fails with
 * {@link CallCancelled}, and its source is cancelled.
 */
@Singleton
public class CallsInFlight {

    private final ConcurrentMap<String, Call> calls = new ConcurrentHashMap<>();

    /** A call's way to be cut off, and the replica that waits for it (null when its request did not say). */
    private record Call(String router, Consumer<String> cut) {
    }

    /** Cuts the attempt off if it is still running here; false when it is not (finished, or held by another adapter). */
    public boolean cancel(String requestId, int attempt) {
        Call call = calls.remove(key(requestId, attempt));
        if (call == null) {
            return false;
        }
        call.cut().accept(CallCancelled.CLIENT_GONE);
        return true;
    }

    /** Cuts off every call whose router replica is gone, since nobody reads its answer; returns how many. */
    public int cancelOrphans(Predicate<String> routerGone) {
        int cancelled = 0;
        for (var entry : calls.entrySet()) {
            String router = entry.getValue().router();
            if (router != null && routerGone.test(router) && calls.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().cut().accept(CallCancelled.routerGone(router));
                cancelled++;
            }
        }
        return cancelled;
    }

    public int size() {
        return calls.size();
    }

    /**
     * The call, subscribed with {@code context}, which fails with {@link CallCancelled} when cancelled while it runs.
     */
    <T> Uni<T> track(String requestId, int attempt, String router, Uni<T> call, Context context) {
        String key = key(requestId, attempt);
        return Uni.createFrom().emitter(emitter -> register(key, router,
                call.subscribe().with(context, emitter::complete, emitter::fail), emitter::fail, emitter::onTermination));
    }

    /**
     * The stream, subscribed with {@code context}, which fails with {@link CallCancelled} when cancelled while it runs.
     */
    <T> Multi<T> track(String requestId, int attempt, String router, Multi<T> stream, Context context) {
        String key = key(requestId, attempt);
        return Multi.createFrom().emitter(emitter -> register(key, router,
                stream.subscribe().with(context, emitter::emit, emitter::fail, emitter::complete), emitter::fail,
                emitter::onTermination));
    }

    /**
     * Lets a cancel cut the running source off and fail its emitter; once the emitter terminates, however it does, the
     * source is cancelled and the call forgotten.
     */
    private void register(String key, String router, Cancellable source, Consumer<Throwable> fail,
            Consumer<Runnable> onTermination) {
        Call call = new Call(router, why -> {
            source.cancel();
            fail.accept(new CallCancelled(why));
        });
        calls.put(key, call);
        onTermination.accept(() -> {
            source.cancel();
            calls.remove(key, call);
        });
    }

    private static String key(String requestId, int attempt) {
        return requestId + '#' + attempt;
    }

    /** Nobody waits for the call any more: its client went away, or the router replica that sent it is gone. */
    public static final class CallCancelled extends RuntimeException {

        static final String CLIENT_GONE = "cancelled: the client went away";

        /** Why a call of a router replica that is gone stops. */
        public static String routerGone(String router) {
            return "cancelled: router replica " + router + " is gone";
        }

        CallCancelled(String why) {
            super(why, null, false, false);
        }
    }
}
