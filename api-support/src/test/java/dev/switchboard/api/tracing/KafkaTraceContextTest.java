package dev.switchboard.api.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

/** A context written to Kafka headers: encoded once, replacing what a record carried, nothing for no span. */
class KafkaTraceContextTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_ID = "b7ad6b7169203331";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    @Test
    void aContextIsEncodedOnceAndReplacesWhatARecordCarried() {
        TraceHeaders encoded = KafkaTraceContext.headers(sampled(TraceState.getDefault()));
        Headers first = new RecordHeaders().add("traceparent", "00-stale".getBytes(StandardCharsets.UTF_8));
        Headers second = new RecordHeaders();

        encoded.addTo(first);
        encoded.addTo(second);

        assertThat(value(first, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(first.headers("traceparent")).hasSize(1);
        assertThat(value(second, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(second.lastHeader("tracestate")).isNull();
    }

    @Test
    void aTraceStateTravelsWithItsTraceparent() {
        Headers headers = new RecordHeaders();

        KafkaTraceContext.inject(sampled(TraceState.builder().put("vendor", "x").build()), headers);

        assertThat(value(headers, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(value(headers, "tracestate")).isEqualTo("vendor=x");
        assertThat(KafkaTraceContext.traceId(KafkaTraceContext.extract(headers))).isEqualTo(TRACE_ID);
    }

    @Test
    void aContextWithoutASpanWritesNothing() {
        Headers headers = new RecordHeaders().add("traceparent", "00-kept".getBytes(StandardCharsets.UTF_8));

        assertThat(KafkaTraceContext.headers(Context.root())).isSameAs(TraceHeaders.NONE);
        KafkaTraceContext.inject(Context.root(), headers);

        assertThat(value(headers, "traceparent")).isEqualTo("00-kept");
    }

    private static Context sampled(TraceState state) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID,
                TraceFlags.getSampled(), state)));
    }

    private static String value(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
