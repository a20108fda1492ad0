package dev.switchboard.adapters.client;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.CompletionRequest;

/**
 * Speaks one provider's wire protocol, translating OpenAI Chat Completions both ways. Failures are
 * {@link ProviderException}s that carry their error class.
 */
public interface ProviderClient {

    /** The provider name, as in {@code switchboard.adapters.enabled} and in model names. */
    String provider();

    /** Why the provider cannot be called as configured (no key, no base URL), or null when it can. */
    String disabledReason();

    /** One answer as an OpenAI {@code chat.completion} object. */
    Uni<ProviderResponse> complete(CompletionRequest request);

    /**
     * The answer as OpenAI {@code chat.completion.chunk} objects, in order. The last chunk carries {@code usage}
     * whether or not the client asked for it; the caller strips it when it did not.
     */
    Multi<ObjectNode> stream(CompletionRequest request);

    /**
     * The request parameters a streamed call of this request leaves out, for the response header; a stream has no other
     * way to report them. Empty when nothing is dropped, or when the request will be refused anyway.
     */
    default List<String> streamDroppedParameters(CompletionRequest request) {
        return List.of();
    }

    /**
     * The provider's models, ids as the provider spells them, with what its list says about each; costs no tokens, so it
     * doubles as a health check.
     */
    Uni<List<ListedModel>> models();
}
