package dev.switchboard.api.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Carries the W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers. It works with the
 * SDK on or off: with it off, what was extracted is injected again unchanged, so the trace id still travels from the
 * caller through every hop and into usage. The connector's own tracing stays off on the hot path; this costs one
 * header parse and one header write per record.
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

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private KafkaTraceContext() {
    }

    /** The context a record's headers carry, or the root context when they carry none (or a malformed one). */
    public static Context extract(Headers headers) {
        return headers == null ? Context.root() : PROPAGATOR.extract(Context.root(), headers, GETTER);
    }

    /** Writes the context's span as {@code traceparent} (and {@code tracestate}); nothing when it has no valid span. */
    public static void inject(Context context, Headers headers) {
        PROPAGATOR.inject(context, headers, SETTER);
    }

    /** The trace id of the context's span, or null when it has none. */
    public static String traceId(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
