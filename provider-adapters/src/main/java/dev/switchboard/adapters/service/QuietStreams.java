package dev.switchboard.adapters.service;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Fails a stream that goes quiet: one wait for its first event (a provider may think long before it answers), then a
 * shorter one between events, once it has started. Mutiny's {@code ifNoItem()} has one duration for both.
 */
final class QuietStreams {

    private QuietStreams() {
    }

    /**
     * The stream, failing with {@code quiet}'s exception when no first event comes within {@code firstMs}, or no next
     * one within {@code idleMs} of the last; the source is cancelled then.
     */
    static <T> Multi<T> watch(Multi<T> stream, long firstMs, long idleMs, Supplier<? extends Throwable> quiet) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
            AtomicReference<Cancellable> source = new AtomicReference<>();
            Runnable expire = () -> {
                Cancellable running = source.get();
                if (running != null) {
                    running.cancel();
                }
                emitter.fail(quiet.get());
            };
            arm(timer, expire, firstMs);
            source.set(stream.subscribe().with(item -> {
                arm(timer, expire, idleMs);
                emitter.emit(item);
            }, failure -> {
                disarm(timer);
                emitter.fail(failure);
            }, () -> {
                disarm(timer);
                emitter.complete();
            }));
            emitter.onTermination(() -> {
                disarm(timer);
                source.get().cancel();
            });
        });
    }

    private static void arm(AtomicReference<ScheduledFuture<?>> timer, Runnable expire, long delayMs) {
        ScheduledFuture<?> previous = timer.getAndSet(Infrastructure.getDefaultWorkerPool()
                .schedule(expire, Math.max(1, delayMs), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private static void disarm(AtomicReference<ScheduledFuture<?>> timer) {
        ScheduledFuture<?> previous = timer.getAndSet(null);
        if (previous != null) {
            previous.cancel(false);
        }
    }
}
