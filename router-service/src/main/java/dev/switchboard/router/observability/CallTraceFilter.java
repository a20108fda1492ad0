package dev.switchboard.router.observability;

import java.util.Locale;

import jakarta.ws.rs.Priorities;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.contracts.MessageHeaders;

/**
 * Decides which trace a call to {@code /v1} belongs to, and answers it in the {@code traceparent} response header, so a
 * client log leads to the trace. With tracing on it is the server span's (which continues the caller's
 * {@code traceparent}, and whose sampling decision every service downstream follows); with tracing off, a span id of
 * the router's own in the caller's trace, sampled as the caller said, or in a new trace that is not sampled, so that
 * the trace id still reaches the adapters, usage and the request log while no service records a span the router
 * did not decide to sample.
 */
public class CallTraceFilter {

    static final String CALL_SPAN = "switchboard.call-span";
    private static final IdGenerator IDS = IdGenerator.random();
    private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap headers) {
            return headers.names();
        }

        @Override
        public String get(MultiMap headers, String key) {
            return headers == null ? null : headers.get(key);
        }
    };

    /** Before authentication, so that a refused call is answered with its trace too. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void trace(RoutingContext routing) {
        if (!routing.normalizedPath().startsWith("/v1/")) {
            return;
        }
        SpanContext call = Span.current().getSpanContext();
        if (!call.isValid()) {
            SpanContext caller = Span.fromContext(W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), routing.request().headers(), HEADERS)).getSpanContext();
            call = SpanContext.create(caller.isValid() ? caller.getTraceId() : IDS.generateTraceId(),
                    IDS.generateSpanId(), caller.isValid() ? caller.getTraceFlags() : TraceFlags.getDefault(),
                    caller.isValid() ? caller.getTraceState() : TraceState.getDefault());
        }
        ContextLocals.put(CALL_SPAN, call);
        routing.response().putHeader(MessageHeaders.TRACEPARENT, traceparent(call));
    }

    static String traceparent(SpanContext span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex().toLowerCase(Locale.ROOT);
    }
}
