package dev.switchboard.adapters.service;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.Embeddings;
import dev.switchboard.adapters.client.NativeMessages;
import dev.switchboard.adapters.client.NativeResponses;
import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;

/**
 * The one place where a request's {@link Operation} becomes a call of a provider client's method. An operation a
 * provider does not offer fails with {@link ErrorClass#UNSUPPORTED}, which the router answers by moving on to the next
 * candidate. To add an operation, give {@link ProviderClient} its methods and map them here.
 */
@Singleton
public class OperationDispatcher {

    /** One answer: the operation's answer object, such as a {@code chat.completion}. */
    public Uni<ProviderResponse> plain(ProviderClient client, CompletionRequest request) {
        return switch (request.operation()) {
            case CHAT -> client.complete(request);
            case MESSAGES -> client instanceof NativeMessages anthropic ? anthropic.messages(request)
                    : Uni.createFrom().failure(unsupported(client, request));
            case COUNT_TOKENS -> client instanceof NativeMessages anthropic ? anthropic.countTokens(request)
                    : Uni.createFrom().failure(unsupported(client, request));
            case EMBEDDINGS -> client instanceof Embeddings embeddings ? embeddings.embed(request)
                    : Uni.createFrom().failure(unsupported(client, request));
            case RESPONSES -> client instanceof NativeResponses openAi ? openAi.responses(request)
                    : Uni.createFrom().failure(unsupported(client, request));
        };
    }

    /** The answer's stream events in order, such as {@code chat.completion.chunk}s; the last carries usage. */
    public Multi<ObjectNode> stream(ProviderClient client, CompletionRequest request) {
        return switch (request.operation()) {
            case CHAT -> client.stream(request);
            case MESSAGES -> client instanceof NativeMessages anthropic ? anthropic.streamMessages(request)
                    : Multi.createFrom().failure(unsupported(client, request));
            case RESPONSES -> client instanceof NativeResponses openAi ? openAi.streamResponses(request)
                    : Multi.createFrom().failure(unsupported(client, request));
            case EMBEDDINGS, COUNT_TOKENS -> Multi.createFrom().failure(unsupported(client, request));
        };
    }

    /** The parameters a stream of this request leaves out, named on its first event. */
    public List<String> streamDroppedParameters(ProviderClient client, CompletionRequest request) {
        return request.operation() == Operation.CHAT ? client.streamDroppedParameters(request) : List.of();
    }

    private static ProviderException unsupported(ProviderClient client, CompletionRequest request) {
        return new ProviderException(ErrorClass.UNSUPPORTED, "operation " + request.operation().wireName()
                + " is not supported by provider " + client.provider());
    }
}
