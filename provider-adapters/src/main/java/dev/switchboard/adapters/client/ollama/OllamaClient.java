package dev.switchboard.adapters.client.ollama;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.EmbeddingLists;
import dev.switchboard.adapters.client.Embeddings;
import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ServerSentEvents;
import dev.switchboard.adapters.client.TranslatedRequest;
import dev.switchboard.contracts.CompletionRequest;

/**
 * Ollama's native API ({@code /api/chat}, {@code /api/embed}) spoken in OpenAI Chat Completions and Embeddings; mapping
 * in docs/ollama.md.
 */
public class OllamaClient implements ProviderClient, Embeddings {

    private final Endpoint endpoint;
    private final ObjectMapper mapper;
    private final OllamaHttp http;
    private final OllamaRequestTranslator requests;
    private final OllamaResponseTranslator responses;

    public OllamaClient(Endpoint endpoint, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.mapper = mapper;
        this.http = new OllamaHttp(endpoint, http, classifier, mapper);
        this.requests = new OllamaRequestTranslator(mapper);
        this.responses = new OllamaResponseTranslator(mapper);
    }

    @Override
    public String provider() {
        return endpoint.provider();
    }

    /** Ollama needs no key and is enabled when reachable: a server that does not answer is a network error. */
    @Override
    public String disabledReason() {
        return null;
    }

    @Override
    public Uni<ProviderResponse> complete(CompletionRequest request) {
        return Uni.createFrom().item(() -> requests.translate(request, false))
                .onItem().transformToUni(translated -> http.chat(translated.bytes(mapper))
                        .map(answer -> new ProviderResponse(responses.completion(request, answer), translated.dropped())));
    }

    @Override
    public Multi<ObjectNode> stream(CompletionRequest request) {
        return Multi.createFrom().deferred(() -> {
            TranslatedRequest translated = requests.translate(request, true);
            OllamaStreamTranslator translator = new OllamaStreamTranslator(mapper, request);
            Multi<ObjectNode> chunks = http.chatStream(translated.bytes(mapper))
                    .onItem().transformToIterable(translator::chunks);
            return ServerSentEvents.requireEnd(chunks, translator.done(), provider(), translator::usageChunk);
        });
    }

    /**
     * One {@code /api/embed} call for every input. {@code truncate} is off, as OpenAI does not cut an input short either:
     * a text longer than the model's window is an error, not an embedding of its first part.
     */
    @Override
    public Uni<ProviderResponse> embed(CompletionRequest request) {
        return Uni.createFrom().item(() -> EmbeddingLists.texts(request)).onItem().transformToUni(texts -> {
            ObjectNode body = mapper.createObjectNode().put("model", request.model());
            texts.forEach(body.putArray("input")::add);
            body.put("truncate", false);
            Integer dimensions = EmbeddingLists.dimensions(request);
            if (dimensions != null) {
                body.put("dimensions", dimensions);
            }
            return http.embed(new TranslatedRequest(body, List.of()).bytes(mapper)).map(answer -> {
                List<JsonNode> vectors = new ArrayList<>();
                answer.path("embeddings").forEach(vectors::add);
                EmbeddingLists.requireOnePerInput(provider(), texts.size(), vectors);
                long tokens = answer.hasNonNull("prompt_eval_count") ? answer.path("prompt_eval_count").asLong()
                        : EmbeddingLists.estimatedTokens(texts);
                return new ProviderResponse(EmbeddingLists.answer(mapper, request.model(), vectors, tokens));
            });
        });
    }

    @Override
    public List<String> streamDroppedParameters(CompletionRequest request) {
        return TranslatedRequest.droppedBy(() -> requests.translate(request, true));
    }

    @Override
    public Uni<List<ListedModel>> models() {
        if (!endpoint.models().isEmpty()) {
            return Uni.createFrom().item(ListedModel.ids(endpoint.models()));
        }
        return http.tags().map(tags -> {
            List<ListedModel> models = new ArrayList<>();
            for (JsonNode model : tags.path("models")) {
                models.add(new ListedModel(model.path("name").asText(), null, details(model.path("details")), null, null,
                        null, null, true));
            }
            return models;
        });
    }

    /** The tag's details (family, parameter count, quantisation) in words; they say nothing of limits or tools. */
    private static String details(JsonNode details) {
        List<String> parts = new ArrayList<>();
        String family = ListedModel.text(details.get("family"));
        String size = ListedModel.text(details.get("parameter_size"));
        String quantisation = ListedModel.text(details.get("quantization_level"));
        String format = ListedModel.text(details.get("format"));
        if (family != null) {
            parts.add("family " + family);
        }
        if (size != null) {
            parts.add(size + " parameters");
        }
        if (quantisation != null) {
            parts.add("quantisation " + quantisation);
        }
        if (format != null) {
            parts.add(format);
        }
        return parts.isEmpty() ? null : "Local weights: " + String.join(", ", parts) + ".";
    }
}
