package dev.switchboard.router.service.pipeline;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ReplyError;

/** A provider's classified failure on its way to the client, with the status its class maps to. */
public class ProviderFailure extends ApiException {

    private final transient ReplyError error;

    public ProviderFailure(String provider, ReplyError error) {
        this(provider, error, error.errorClass().clientStatus(), error.errorClass().wireName());
    }

    /** A failure the client is told of with a status and code of its own, rather than its class's. */
    protected ProviderFailure(String provider, ReplyError error, int status, String code) {
        super(status, "Provider " + provider + ": " + error.message(), null, code);
        this.error = error;
    }

    public ReplyError error() {
        return error;
    }
}
