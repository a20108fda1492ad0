package dev.switchboard.contracts;

import java.nio.charset.StandardCharsets;

/** The Kafka record headers Switchboard sets; every value is UTF-8 text. */
public final class MessageHeaders {

    /** Correlates a request with its replies and usage events; also the record key. */
    public static final String REQUEST_ID = "switchboard-request-id";
    /** The reply-topic partition the router replica that sent the request reads. */
    public static final String REPLY_PARTITION = "switchboard-reply-partition";
    /**
     * On requests: the id of the router replica that sent the request ({@link RouterAnnouncement#replica()}); an adapter
     * stops the call when that replica is gone.
     */
    public static final String ROUTER = "switchboard-router";
    /** Absolute deadline in epoch milliseconds; adapters skip a request past it. */
    public static final String DEADLINE = "switchboard-deadline";
    /**
     * On a request topic, {@link #KIND_CANCEL} marks a {@link CompletionCancel}; on {@code switchboard.replies},
     * {@link #KIND_ACK} marks a {@link CompletionAck}; absent, the record is a request or a reply.
     */
    public static final String KIND = "switchboard-kind";
    /**
     * The contract version of the payload: {@link #SCHEMA_VERSION} for what this code writes. A reader takes every
     * version from {@link #OLDEST_SCHEMA} to {@link #CURRENT_SCHEMA}, and a record without the header as version 1.
     */
    public static final String SCHEMA = "switchboard-schema";
    /**
     * The W3C trace context of the record's sender (its span), as in HTTP; on requests, replies and usage events. A
     * receiver continues the trace from it. {@code tracestate} travels beside it when the caller sent one.
     */
    public static final String TRACEPARENT = "traceparent";
    /** On requests: when the router sent the attempt, epoch milliseconds; the adapter measures the Kafka hop from it. */
    public static final String SENT_AT = "switchboard-sent-at";
    /** On requests: how long the attempt waited in the router before it was sent, in milliseconds. */
    public static final String ROUTER_MS = "switchboard-router-ms";
    /**
     * On requests: the call's {@link RequestLogLevel} when it is not {@code metadata}: {@code full} when the request log
     * keeps bodies, so the adapter puts them in the usage event, {@code off} when it keeps nothing of the call. The
     * adapter copies the level into the usage event ({@code requestLog}).
     */
    public static final String REQUEST_LOG = "switchboard-request-log";

    /**
     * On usage events: the managed key the call was made with ({@link UsageEvent#apiKeyId()}), empty when it used a
     * static key (whose spend the registry does not keep) or none. The registry counts spend from the events that name a
     * key and passes the others over unread; an event without the header (a writer older than it) is read to find out.
     */
    public static final String API_KEY_ID = "switchboard-api-key-id";

    /** The contract version this code writes and the newest it reads. */
    public static final int CURRENT_SCHEMA = 3;
    /** The oldest contract version this code still reads (records of a router or adapter not yet upgraded). */
    public static final int OLDEST_SCHEMA = 1;
    public static final String SCHEMA_VERSION = String.valueOf(CURRENT_SCHEMA);
    public static final String KIND_CANCEL = "cancel";
    public static final String KIND_ACK = "ack";
    /** The first contract version whose requests an adapter acknowledges with a {@link CompletionAck}. */
    public static final int ACK_SCHEMA = 3;

    private MessageHeaders() {
    }

    public static byte[] encode(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@link #API_KEY_ID} header of a usage event: its key's id when the key is a managed one, which the attribution
     * names (a static key's calls carry no key name), else empty.
     */
    public static byte[] apiKeyId(UsageEvent event) {
        boolean managed = event.apiKeyId() != null && event.attribution() != null
                && event.attribution().keyName() != null;
        return managed ? encode(event.apiKeyId()) : new byte[0];
    }

    public static String decode(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The contract version a {@link #SCHEMA} header value names: 1 when the header is absent, -1 when it is not a
     * number.
     */
    public static int schemaVersion(String header) {
        if (header == null) {
            return OLDEST_SCHEMA;
        }
        try {
            return Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The trace id a W3C {@code traceparent} value names ({@code 00-<32 hex trace id>-<16 hex span id>-<flags>}), or
     * null when the value is absent or not of that form.
     */
    public static String traceId(String traceparent) {
        if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-'
                || traceparent.charAt(35) != '-') {
            return null;
        }
        String traceId = traceparent.substring(3, 35);
        for (int i = 0; i < traceId.length(); i++) {
            if (Character.digit(traceId.charAt(i), 16) < 0) {
                return null;
            }
        }
        return traceId;
    }

    /** Whether this code can read a record of the given contract version. */
    public static boolean readable(int schemaVersion) {
        return schemaVersion >= OLDEST_SCHEMA && schemaVersion <= CURRENT_SCHEMA;
    }
}
