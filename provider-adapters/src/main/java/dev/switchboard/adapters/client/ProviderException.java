package dev.switchboard.adapters.client;

import java.util.EnumSet;
import java.util.Set;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.ReplyError;

/**
 * A provider call that failed, already classified. Its message never contains a key. It keeps the provider's error
 * body, which reaches the caller only through {@link #passedThrough()}.
 */
public class ProviderException extends RuntimeException {

    /** The most of a provider's error body that is handed on; error bodies are small, so this only bounds a bad one. */
    private static final int MAX_BODY = 64 * 1024;

    /** The refusals that are about what the caller sent. */
    private static final Set<ErrorClass> CALLERS_FAULTS = EnumSet.of(ErrorClass.BAD_REQUEST, ErrorClass.CONTEXT_LENGTH,
            ErrorClass.CONTENT_FILTER);

    private final transient ReplyError error;
    private final String providerBody;

    public ProviderException(ErrorClass errorClass, int providerStatus, String message, Long retryAfterMs,
            String providerBody) {
        this(new ReplyError(errorClass, providerStatus, message, retryAfterMs),
                providerBody == null || providerBody.length() > MAX_BODY ? null : providerBody);
    }

    private ProviderException(ReplyError error, String providerBody) {
        super(error.message(), null, false, false);
        this.error = error;
        this.providerBody = providerBody;
    }

    public ProviderException(ErrorClass errorClass, int providerStatus, String message, Long retryAfterMs) {
        this(errorClass, providerStatus, message, retryAfterMs, null);
    }

    public ProviderException(ErrorClass errorClass, String message) {
        this(errorClass, 0, message, null, null);
    }

    public ReplyError error() {
        return error;
    }

    /**
     * The same failure with the provider's error body in its reply, for a provider that speaks the caller's dialect, so
     * the caller gets the body as the provider sent it, only with anything that looks like a key taken out.
     */
    public ProviderException passedThrough() {
        if (providerBody == null || error.providerBody() != null) {
            return this;
        }
        String body = Secrets.redact(providerBody);
        return new ProviderException(new ReplyError(error.errorClass(), error.providerStatus(), error.message(),
                error.retryAfterMs(), body), body);
    }

    /**
     * {@link #passedThrough()} when the provider refused the call for what the caller sent (a 4xx about the request);
     * this failure as it is when the fault is the gateway's (its key, its model name) or the provider's.
     */
    public ProviderException passedThroughWhenCallersFault() {
        boolean clientError = error.providerStatus() >= 400 && error.providerStatus() < 500;
        return clientError && CALLERS_FAULTS.contains(error.errorClass()) ? passedThrough() : this;
    }
}
