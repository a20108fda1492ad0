package dev.switchboard.api.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

import dev.switchboard.contracts.MessageHeaders;

/**
 * Carries the W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers. It works with the
 * SDK on or off: with it off, what was extracted is injected again unchanged, so the trace id still travels from the
 * caller through every hop and into usage. The connector's own tracing stays off on the hot path; this costs one
 * header parse per record read, and one header encoding per context written (see {@link #headers}).
 */
public final class KafkaTraceContext {

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Map<String, String>> SETTER = Map::put;

    private KafkaTraceContext() {
    }

    /** The context a record's headers carry, or the root context when they carry none (or a malformed one). */
    public static Context extract(Headers headers) {
        return headers == null ? Context.root() : PROPAGATOR.extract(Context.root(), headers, GETTER);
    }

    /** Writes the context's span as {@code traceparent} (and {@code tracestate}); nothing when it has no valid span. */
    public static void inject(Context context, Headers headers) {
        headers(context).addTo(headers);
    }

    /**
     * The context's span as header values, encoded once: a request's records all carry the same context, so a stream
     * formats its {@code traceparent} once rather than once per chunk.
     */
    public static TraceHeaders headers(Context context) {
        Map<String, String> carrier = new HashMap<>(4);
        PROPAGATOR.inject(context, carrier, SETTER);
        String traceparent = carrier.get(MessageHeaders.TRACEPARENT);
        if (traceparent == null) {
            return TraceHeaders.NONE;
        }
        String tracestate = carrier.get(TraceHeaders.TRACESTATE);
        return new TraceHeaders(traceparent.getBytes(StandardCharsets.UTF_8),
                tracestate == null ? null : tracestate.getBytes(StandardCharsets.UTF_8));
    }

    /** The trace id of the context's span, or null when it has none. */
    public static String traceId(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
