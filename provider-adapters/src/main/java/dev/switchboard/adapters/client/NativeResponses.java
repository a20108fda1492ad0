package dev.switchboard.adapters.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.CompletionRequest;

/**
 * A provider that speaks OpenAI's Responses API itself: the caller's body goes through with only {@code model} replaced,
 * its items unchanged (reasoning items with their {@code encrypted_content} included), and the {@code response} or
 * each stream event comes back as the provider sent it.
 */
public interface NativeResponses {

    /** One {@code response}. */
    Uni<ProviderResponse> responses(CompletionRequest request);

    /** The stream's events in order, each the JSON of one server-sent event, types added later included. */
    Multi<ObjectNode> streamResponses(CompletionRequest request);
}
