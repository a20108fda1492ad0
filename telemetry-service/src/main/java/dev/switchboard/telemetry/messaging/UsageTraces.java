package dev.switchboard.telemetry.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

import dev.switchboard.api.tracing.KafkaTraceContext;
import dev.switchboard.api.tracing.Tracing;
import dev.switchboard.contracts.Topics;

/**
 * The storing of usage events as spans: one per event, in the trace of the call the event describes (its record's
 * {@code traceparent}), lasting as long as its batch's write. With tracing off nothing is made.
 */
@ApplicationScoped
public class UsageTraces {

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("messaging.batch.message_count");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    private final Tracing tracing;

    public UsageTraces(Tracing tracing) {
        this.tracing = tracing;
    }

    /** Starts a span for each record whose call is sampled; the list holds null for the others. */
    public List<Span> storing(List<ConsumerRecord<String, String>> records) {
        List<Span> spans = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            spans.add(tracing.enabled() ? start(record, records.size()) : null);
        }
        return spans;
    }

    /** Ends the spans; those of events the database refused (by index) end as errors with the reason. */
    public void stored(List<Span> spans, Map<Integer, String> refused) {
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            if (span == null) {
                continue;
            }
            String reason = refused.get(i);
            if (reason != null) {
                span.setStatus(StatusCode.ERROR, reason);
            }
            span.end();
        }
    }

    private Span start(ConsumerRecord<String, String> record, int batchSize) {
        Context parent = KafkaTraceContext.extract(record.headers());
        SpanContext caller = Span.fromContext(parent).getSpanContext();
        if (!caller.isSampled()) {
            // Nobody samples the call (or it has no trace): a span would record nothing.
            return null;
        }
        return tracing.tracer().spanBuilder("store " + Topics.USAGE)
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, Topics.USAGE)
                .setAttribute(OPERATION, "process")
                .setAttribute(BATCH_SIZE, (long) batchSize)
                .setAttribute(MESSAGE_ID, record.key())
                .startSpan();
    }
}
