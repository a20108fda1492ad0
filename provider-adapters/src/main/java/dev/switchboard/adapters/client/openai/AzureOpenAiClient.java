package dev.switchboard.adapters.client.openai;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.NativeResponses;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.TranslatedRequest;
import dev.switchboard.contracts.CompletionRequest;

/**
 * Azure OpenAI: the OpenAI body, sent to the deployment's URL with the {@code api-version} query parameter and the key
 * in the {@code api-key} header. The model name is the deployment name. The Responses API goes natively to the
 * resource's v1 surface.
 */
public class AzureOpenAiClient extends OpenAiCompatibleClient implements NativeResponses {

    private final String apiVersion;
    private final OpenAiResponses responses;

    public AzureOpenAiClient(Endpoint endpoint, String apiVersion, ProviderHttp http, ErrorClassifier classifier,
            ObjectMapper mapper) {
        super(endpoint, true, http, classifier, mapper);
        this.apiVersion = apiVersion;
        this.responses = new OpenAiResponses(endpoint.provider(), http, classifier, mapper);
    }

    /**
     * Azure serves the Responses API only on its OpenAI-compatible v1 surface, {@code /openai/v1/responses}, where the
     * deployment is named in the body's {@code model}, as OpenAI names a model.
     */
    @Override
    public Uni<ProviderResponse> responses(CompletionRequest request) {
        return responses.response(request, responsesUrl(), headers(), endpoint.timeout());
    }

    @Override
    public Multi<ObjectNode> streamResponses(CompletionRequest request) {
        return responses.stream(request, responsesUrl(), headers(), endpoint.timeout());
    }

    private String responsesUrl() {
        return endpoint.baseUrl() + "/openai/v1/responses";
    }

    @Override
    public String disabledReason() {
        if (endpoint.baseUrl() == null) {
            return "no resource endpoint is set (AZURE_OPENAI_ENDPOINT or switchboard.providers.azure-openai.base-url)";
        }
        return super.disabledReason();
    }

    /** Azure lists base models, not deployments, so the deployments to offer come from configuration. */
    @Override
    public Uni<List<ListedModel>> models() {
        return Uni.createFrom().item(ListedModel.ids(endpoint.models()));
    }

    @Override
    protected String completionsUrl(CompletionRequest request) {
        return endpoint.baseUrl() + "/openai/deployments/" + URLEncoder.encode(request.model(), StandardCharsets.UTF_8)
                + "/chat/completions?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    }

    @Override
    protected String embeddingsUrl(CompletionRequest request) {
        return endpoint.baseUrl() + "/openai/deployments/" + URLEncoder.encode(request.model(), StandardCharsets.UTF_8)
                + "/embeddings?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    }

    @Override
    protected void prepareEmbeddings(ObjectNode body) {
        body.remove("model");
    }

    @Override
    protected Map<String, String> headers() {
        Map<String, String> headers = super.headers();
        headers.remove("Authorization");
        endpoint.key().ifPresent(key -> headers.put("api-key", key));
        return headers;
    }

    @Override
    protected TranslatedRequest translate(CompletionRequest request, boolean stream) {
        TranslatedRequest translated = super.translate(request, stream);
        // The deployment in the URL picks the model; Azure ignores a model field, so none is sent.
        translated.body().remove("model");
        return translated;
    }
}
