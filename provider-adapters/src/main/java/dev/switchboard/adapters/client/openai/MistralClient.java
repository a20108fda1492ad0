package dev.switchboard.adapters.client.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.ProviderHttp;

/**
 * Mistral's Chat Completions: OpenAI's body, except that Mistral refuses {@code stream_options} (a 422, "Extra inputs
 * are not permitted") and reports usage on every stream's last chunk unasked.
 */
public class MistralClient extends OpenAiCompatibleClient {

    public MistralClient(Endpoint endpoint, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        super(endpoint, true, http, classifier, mapper);
    }

    @Override
    protected void askForStreamUsage(ObjectNode body) {
        body.remove("stream_options");
    }
}
