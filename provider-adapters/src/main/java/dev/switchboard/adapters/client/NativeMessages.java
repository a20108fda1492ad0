package dev.switchboard.adapters.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.CompletionRequest;

/**
 * A provider that speaks Anthropic's Messages API itself: the caller's body goes through with only {@code model}
 * replaced, the forwarded {@code anthropic-*} headers with it, and the answer, the events and the errors come back as
 * the provider sent them (errors with their body, {@link ProviderException#passedThrough()}).
 */
public interface NativeMessages {

    /** One {@code message}. */
    Uni<ProviderResponse> messages(CompletionRequest request);

    /** The stream's events in order, each the JSON of one server-sent event, {@code ping}s and unknown types included. */
    Multi<ObjectNode> streamMessages(CompletionRequest request);

    /** {@code {"input_tokens": N}} for a count_tokens body. */
    Uni<ProviderResponse> countTokens(CompletionRequest request);
}
