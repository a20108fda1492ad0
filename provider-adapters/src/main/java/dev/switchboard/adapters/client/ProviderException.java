package dev.switchboard.adapters.client;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.ReplyError;

/** A provider call that failed, already classified. Its message never contains a key. */
public class ProviderException extends RuntimeException {

    private final transient ReplyError error;

    public ProviderException(ErrorClass errorClass, int providerStatus, String message, Long retryAfterMs) {
        super(message, null, false, false);
        this.error = new ReplyError(errorClass, providerStatus, message, retryAfterMs);
    }

    public ProviderException(ErrorClass errorClass, String message) {
        this(errorClass, 0, message, null);
    }

    public ReplyError error() {
        return error;
    }
}
