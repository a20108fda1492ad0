package dev.switchboard.adapters.client;

import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.CompletionRequest;

/**
 * Speaks one provider's wire protocol. It answers with an OpenAI {@code chat.completion} object, or fails with a
 * {@link ProviderException} that carries the error class.
 */
public interface ProviderClient {

    /** The provider name, as in {@code switchboard.adapters.enabled} and in model names. */
    String provider();

    Uni<ProviderResponse> complete(CompletionRequest request);
}
