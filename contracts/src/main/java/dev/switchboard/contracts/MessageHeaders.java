package dev.switchboard.contracts;

import java.nio.charset.StandardCharsets;

/** The Kafka record headers Switchboard sets; every value is UTF-8 text. */
public final class MessageHeaders {

    /** Correlates a request with its replies and usage events; also the record key. */
    public static final String REQUEST_ID = "switchboard-request-id";
    /** The reply-topic partition the router replica that sent the request reads. */
    public static final String REPLY_PARTITION = "switchboard-reply-partition";
    /** Absolute deadline in epoch milliseconds; adapters skip a request past it. */
    public static final String DEADLINE = "switchboard-deadline";
    /** On a request topic, {@link #KIND_CANCEL} marks a {@link CompletionCancel}; absent, the record is a request. */
    public static final String KIND = "switchboard-kind";
    /** The contract version of the payload, {@link #SCHEMA_VERSION} for this code. */
    public static final String SCHEMA = "switchboard-schema";

    public static final String SCHEMA_VERSION = "1";
    public static final String KIND_CANCEL = "cancel";

    private MessageHeaders() {
    }

    public static byte[] encode(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String decode(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
