package dev.switchboard.router.service.pipeline;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * The thread that ends calls at their deadline. It belongs to the router alone: not the worker pool (starved while the
 * broker is away and many calls wait), not a Kafka client's thread, not the JVM's shared {@code orTimeout} thread, so a
 * 504 due at the deadline waits for none of them. What runs on it at a deadline is short (the error result written,
 * the cancel record handed to the publisher's queue).
 */
@Singleton
public class DeadlineTimer {

    private final ScheduledThreadPoolExecutor timer;

    public DeadlineTimer() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "switchboard-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Almost every call is answered before its deadline: its timer leaves the queue when cancelled.
        timer.setRemoveOnCancelPolicy(true);
    }

    public ScheduledExecutorService executor() {
        return timer;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
