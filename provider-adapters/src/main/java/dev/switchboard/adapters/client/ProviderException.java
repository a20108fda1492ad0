package dev.switchboard.adapters.client;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.ReplyError;

/**
 * A provider call that failed, already classified. Its message never contains a key. It keeps the provider's error
 * body, which reaches the caller only through {@link #passedThrough()}.
 */
public class ProviderException extends RuntimeException {

    /** The most of a provider's error body that is handed on; error bodies are small, so this only bounds a bad one. */
    private static final int MAX_BODY = 64 * 1024;

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
     * the caller gets the body unmodified.
     */
    public ProviderException passedThrough() {
        if (providerBody == null || error.providerBody() != null) {
            return this;
        }
        return new ProviderException(new ReplyError(error.errorClass(), error.providerStatus(), error.message(),
                error.retryAfterMs(), providerBody), providerBody);
    }
}
