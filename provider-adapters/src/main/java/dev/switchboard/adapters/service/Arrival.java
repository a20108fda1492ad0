package dev.switchboard.adapters.service;

import io.opentelemetry.context.Context;

/**
 * How a request reached this adapter, read from its record's headers: the trace context to continue (the adapter's
 * span for the request), what the router measured before sending it, the Kafka hop, and whether the call's request
 * log keeps bodies.
 *
 * @param trace the context of the adapter's span for this request
 * @param routerMs how long the attempt waited in the router; null when the router did not say
 * @param toAdapterMs from the router's send to this adapter taking the request; null when the router did not say
 * @param logBodies whether the usage event carries the request and answer bodies
 * @param router the router replica that sent the request and waits for its answer; null when the router did not say
 */
public record Arrival(Context trace, Long routerMs, Long toAdapterMs, boolean logBodies, String router) {

    /** A request that came with nothing to continue: a fresh trace, no timings, no bodies, no replica. */
    public static Arrival none() {
        return new Arrival(Context.root(), null, null, false, null);
    }
}
