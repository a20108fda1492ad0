package dev.switchboard.adapters.messaging;

import jakarta.inject.Singleton;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import dev.switchboard.adapters.service.Arrival;
import dev.switchboard.api.tracing.KafkaTraceContext;
import dev.switchboard.api.tracing.Tracing;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.RequestLogLevel;

/**
 * Reads how a request arrived from its record's headers: continues the router's trace with a consumer span for the
 * adapter's handling of it (ended by {@link #done} once the answer is on the broker), and takes the router's timings
 * and the request log's level, and which router replica sent it.
 */
@Singleton
public class RequestArrivals {

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");

    private final Tracing tracing;

    public RequestArrivals(Tracing tracing) {
        this.tracing = tracing;
    }

    public Arrival arrive(Message<byte[]> message) {
        long takenAt = System.currentTimeMillis();
        var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Headers headers = metadata.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null);
        Context parent = KafkaTraceContext.extract(headers);
        // A request nobody samples gets no span, which would record nothing: the router's context goes on.
        Span span = !Span.fromContext(parent).getSpanContext().isSampled() ? Span.fromContext(parent)
                : start(parent, metadata.map(IncomingKafkaRecordMetadata::getTopic).orElse("unknown"),
                        metadata.map(IncomingKafkaRecordMetadata::getPartition).orElse(null), headers);
        Long sentAt = number(header(headers, MessageHeaders.SENT_AT));
        Long toAdapter = sentAt == null ? null : Math.max(0, takenAt - sentAt);
        Context trace = parent.with(span);
        return new Arrival(trace, KafkaTraceContext.headers(trace), number(header(headers, MessageHeaders.ROUTER_MS)),
                toAdapter, RequestLogLevel.fromHeader(header(headers, MessageHeaders.REQUEST_LOG)),
                header(headers, MessageHeaders.ROUTER));
    }

    private Span start(Context parent, String topic, Integer partition, Headers headers) {
        Span span = tracing.tracer().spanBuilder("process " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute(SYSTEM, "kafka")
                    .setAttribute(DESTINATION, topic)
                    .setAttribute(OPERATION, "process")
                    .setAttribute(MESSAGE_ID, header(headers, MessageHeaders.REQUEST_ID));
            if (partition != null) {
                span.setAttribute(PARTITION, partition.longValue());
            }
        }
        return span;
    }

    /** The request is answered (or given up) for good. */
    public void done(Arrival arrival) {
        Span.fromContext(arrival.trace()).end();
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null ? null : MessageHeaders.decode(header.value());
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
