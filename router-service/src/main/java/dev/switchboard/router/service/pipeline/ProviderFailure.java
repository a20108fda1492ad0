package dev.switchboard.router.service.pipeline;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ReplyError;

/** A provider's classified failure on its way to the client, with the status its class maps to. */
public class ProviderFailure extends ApiException {

    private final transient ReplyError error;

    public ProviderFailure(String provider, ReplyError error) {
        super(error.errorClass().clientStatus(), "Provider " + provider + ": " + error.message(), null,
                error.errorClass().wireName());
        this.error = error;
    }

    public ReplyError error() {
        return error;
    }
}
