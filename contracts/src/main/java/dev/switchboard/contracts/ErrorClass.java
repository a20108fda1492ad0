package dev.switchboard.contracts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a provider call failed, classified once by the adapter so the router can decide what to do. */
public enum ErrorClass {
    @JsonProperty("rate_limited")
    RATE_LIMITED(true, 429),
    @JsonProperty("overloaded")
    OVERLOADED(true, 503),
    @JsonProperty("server_error")
    SERVER_ERROR(true, 502),
    @JsonProperty("timeout")
    TIMEOUT(true, 504),
    @JsonProperty("network")
    NETWORK(true, 502),
    @JsonProperty("auth")
    AUTH(false, 502),
    @JsonProperty("bad_request")
    BAD_REQUEST(false, 400),
    @JsonProperty("context_length")
    CONTEXT_LENGTH(false, 400),
    @JsonProperty("content_filter")
    CONTENT_FILTER(false, 400),
    @JsonProperty("model_not_found")
    MODEL_NOT_FOUND(false, 404),
    /**
     * The adapter cannot do what the request asks: an operation the provider does not offer (or the adapter does not
     * implement yet), or a record of a contract version newer than the adapter reads. Another candidate may.
     */
    @JsonProperty("unsupported")
    UNSUPPORTED(false, 400),
    /**
     * A stream broke after content had reached the caller (the provider reset the connection, sent no end, sent
     * something unreadable or an error of its own, or went silent past the idle timeout): the caller got part of an
     * answer and an error event. The attempt's usage counts the tokens streamed so far.
     */
    @JsonProperty("stream_cut")
    STREAM_CUT(false, 502);

    private final boolean retryable;
    private final int clientStatus;

    ErrorClass(boolean retryable, int clientStatus) {
        this.retryable = retryable;
        this.clientStatus = clientStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The HTTP status the router answers with when this error reaches the client. */
    public int clientStatus() {
        return clientStatus;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
