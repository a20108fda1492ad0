package dev.switchboard.adapters.service;

import io.opentelemetry.context.Context;

import dev.switchboard.api.tracing.TraceHeaders;
import dev.switchboard.contracts.RequestLogLevel;

/**
 * How a request reached this adapter, read from its record's headers: the trace context to continue (the adapter's
 * span for the request), what the router measured before sending it, the Kafka hop, and what the call's request log
 * keeps.
 *
 * @param trace the context of the adapter's span for this request
 * @param traceHeaders that context as the headers of every record the request's handling writes, encoded once
 * @param routerMs how long the attempt waited in the router; null when the router did not say
 * @param toAdapterMs from the router's send to this adapter taking the request; null when the router did not say
 * @param requestLog the call's request log level: the usage event carries the bodies only at {@code full}
 * @param router the router replica that sent the request and waits for its answer; null when the router did not say
 */
public record Arrival(Context trace, TraceHeaders traceHeaders, Long routerMs, Long toAdapterMs, RequestLogLevel requestLog,
        String router) {

    /** A request that came with nothing to continue: a fresh trace, no timings, metadata only, no replica. */
    public static Arrival none() {
        return new Arrival(Context.root(), TraceHeaders.NONE, null, null, RequestLogLevel.METADATA, null);
    }
}
