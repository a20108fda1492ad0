package dev.switchboard.adapters.client.gemini;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Google's Gemini API ({@code generateContent}, {@code batchEmbedContents}) spoken in OpenAI Chat Completions and
 * Embeddings; mapping in docs/gemini.md.
 */
public class GeminiClient implements ProviderClient, Embeddings {

    /** A guard against a page token that never runs out; the API lists a few dozen models. */
    private static final int MAX_MODEL_PAGES = 20;

    private final Endpoint endpoint;
    private final ObjectMapper mapper;
    private final GeminiHttp http;
    private final GeminiRequestTranslator requests;
    private final GeminiResponseTranslator responses;

    public GeminiClient(Endpoint endpoint, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.mapper = mapper;
        this.http = new GeminiHttp(endpoint, http, classifier, mapper);
        this.requests = new GeminiRequestTranslator(mapper);
        this.responses = new GeminiResponseTranslator(mapper, endpoint.provider());
    }

    @Override
    public String provider() {
        return endpoint.provider();
    }

    @Override
    public String disabledReason() {
        return endpoint.disabledReason(true);
    }

    @Override
    public Uni<ProviderResponse> complete(CompletionRequest request) {
        return Uni.createFrom().item(() -> requests.translate(request))
                .onItem().transformToUni(translated -> http.generate(request.model(), translated.bytes(mapper))
                        .map(answer -> new ProviderResponse(responses.completion(request, answer), translated.dropped())));
    }

    @Override
    public Multi<ObjectNode> stream(CompletionRequest request) {
        return Multi.createFrom().deferred(() -> {
            TranslatedRequest translated = requests.translate(request);
            GeminiStreamTranslator translator = new GeminiStreamTranslator(mapper, request, provider());
            Multi<ObjectNode> chunks = http.streamGenerate(request.model(), translated.bytes(mapper))
                    .onItem().transformToIterable(translator::chunks);
            return ServerSentEvents.requireEnd(chunks, translator.finished(), provider(), translator::usageChunk);
        });
    }

    /**
     * One {@code batchEmbedContents} call for every input. Gemini reports no token count for embeddings, so usage is
     * {@link EmbeddingLists#estimatedTokens} of the texts.
     */
    @Override
    public Uni<ProviderResponse> embed(CompletionRequest request) {
        return Uni.createFrom().item(() -> EmbeddingLists.texts(request)).onItem().transformToUni(texts -> {
            String model = request.model().startsWith("models/") ? request.model() : "models/" + request.model();
            Integer dimensions = EmbeddingLists.dimensions(request);
            ObjectNode body = mapper.createObjectNode();
            ArrayNode requests = body.putArray("requests");
            for (String text : texts) {
                ObjectNode one = requests.addObject().put("model", model);
                one.putObject("content").putArray("parts").addObject().put("text", text);
                if (dimensions != null) {
                    one.put("outputDimensionality", dimensions);
                }
            }
            return http.batchEmbed(request.model(), new TranslatedRequest(body, List.of()).bytes(mapper)).map(answer -> {
                List<JsonNode> vectors = new ArrayList<>();
                answer.path("embeddings").forEach(embedding -> vectors.add(embedding.path("values")));
                EmbeddingLists.requireOnePerInput(provider(), texts.size(), vectors);
                return new ProviderResponse(EmbeddingLists.answer(mapper, request.model(), vectors,
                        EmbeddingLists.estimatedTokens(texts)));
            });
        });
    }

    @Override
    public List<String> streamDroppedParameters(CompletionRequest request) {
        return TranslatedRequest.droppedBy(() -> requests.translate(request));
    }

    @Override
    public Uni<List<ListedModel>> models() {
        if (!endpoint.models().isEmpty()) {
            return Uni.createFrom().item(ListedModel.ids(endpoint.models()));
        }
        return modelPage("", new ArrayList<>(), 1);
    }

    private Uni<List<ListedModel>> modelPage(String pageToken, List<ListedModel> models, int page) {
        return http.listModels(pageToken).onItem().transformToUni(list -> {
            for (JsonNode model : list.path("models")) {
                List<String> methods = ListedModel.strings(model.get("supportedGenerationMethods"));
                if (methods == null || methods.contains("generateContent")) {
                    models.add(listed(model, null));
                } else if (methods.contains("embedContent") || methods.contains("batchEmbedContents")) {
                    models.add(listed(model, ListedModel.EMBEDDINGS));
                }
                // Models that can do neither (answering questions about images only, for one) are not offered.
            }
            String next = list.path("nextPageToken").asText("");
            return next.isEmpty() || page >= MAX_MODEL_PAGES ? Uni.createFrom().item(models)
                    : modelPage(next, models, page + 1);
        });
    }

    /**
     * The list states the limits, and by its methods whether a model chats or only embeds; it says nothing of tools,
     * images or structured output.
     */
    private static ListedModel listed(JsonNode model, String kind) {
        return new ListedModel(model.path("name").asText().replaceFirst("^models/", ""),
                ListedModel.text(model.get("displayName")), ListedModel.text(model.get("description")),
                ListedModel.positive(model.get("inputTokenLimit")), ListedModel.positive(model.get("outputTokenLimit")),
                null, null, null, kind);
    }
}
