package dev.switchboard.api.tracing;

import org.apache.kafka.common.header.Headers;

import dev.switchboard.contracts.MessageHeaders;

/**
 * A context's {@code traceparent} and {@code tracestate} as Kafka header values, encoded once for all the records that
 * carry the same context (a request's acknowledgement, every reply or chunk, its usage event); a value is null when the
 * context has none.
 */
public record TraceHeaders(byte[] traceparent, byte[] tracestate) {

    /** A context without a valid span: its records carry no trace headers. */
    public static final TraceHeaders NONE = new TraceHeaders(null, null);

    static final String TRACESTATE = "tracestate";

    /** Puts the headers on a record, replacing any it had; the encoded values are shared, never copied. */
    public void addTo(Headers headers) {
        put(headers, MessageHeaders.TRACEPARENT, traceparent);
        put(headers, TRACESTATE, tracestate);
    }

    private static void put(Headers headers, String key, byte[] value) {
        if (value != null) {
            headers.remove(key);
            headers.add(key, value);
        }
    }
}
