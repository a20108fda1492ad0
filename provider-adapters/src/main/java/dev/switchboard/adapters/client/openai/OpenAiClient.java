package dev.switchboard.adapters.client.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.NativeResponses;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.contracts.CompletionRequest;

/** OpenAI itself: Chat Completions and Embeddings as every compatible server speaks them, and the Responses API. */
public class OpenAiClient extends OpenAiCompatibleClient implements NativeResponses {

    private final OpenAiResponses responses;

    public OpenAiClient(Endpoint endpoint, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        super(endpoint, true, http, classifier, mapper);
        this.responses = new OpenAiResponses(endpoint.provider(), http, classifier, mapper);
    }

    @Override
    public Uni<ProviderResponse> responses(CompletionRequest request) {
        return responses.response(request, endpoint.baseUrl() + "/responses", headers(), endpoint.timeout());
    }

    @Override
    public Multi<ObjectNode> streamResponses(CompletionRequest request) {
        return responses.stream(request, endpoint.baseUrl() + "/responses", headers(), endpoint.timeout());
    }
}
