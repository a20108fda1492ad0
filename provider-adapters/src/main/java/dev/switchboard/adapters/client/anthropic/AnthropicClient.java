package dev.switchboard.adapters.client.anthropic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.HttpCall;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.NativeMessages;
import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderJson;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ServerSentEvents;
import dev.switchboard.adapters.client.TranslatedRequest;
import dev.switchboard.contracts.CompletionRequest;

/**
 * Anthropic's Messages API ({@code /v1/messages}), spoken from OpenAI Chat Completions and back, and natively for
 * callers that speak it ({@link AnthropicNative}).
 */
public class AnthropicClient implements ProviderClient, NativeMessages {

    static final String API_VERSION = "2023-06-01";
    /** The most models one page may hold; paging stops after a bounded number of pages in any case. */
    private static final int MODELS_PER_PAGE = 1000;
    private static final int MAX_MODEL_PAGES = 10;

    private final Endpoint endpoint;
    private final ProviderHttp http;
    private final ErrorClassifier classifier;
    private final ObjectMapper mapper;
    private final ProviderJson json;
    private final AnthropicNative passthrough;

    public AnthropicClient(Endpoint endpoint, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.http = http;
        this.classifier = classifier;
        this.mapper = mapper;
        this.json = new ProviderJson(endpoint.provider(), classifier, mapper);
        this.passthrough = new AnthropicNative(endpoint, http, classifier, mapper);
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
        return Uni.createFrom().deferred(() -> {
            TranslatedRequest translated = AnthropicRequest.translate(request, false, mapper);
            return http.send(messagesCall(translated)).map(answer -> new ProviderResponse(
                    AnthropicResponse.completion(json.answer(answer), mapper, answer.status()), translated.dropped()));
        });
    }

    @Override
    public Multi<ObjectNode> stream(CompletionRequest request) {
        return Multi.createFrom().deferred(() -> {
            TranslatedRequest translated = AnthropicRequest.translate(request, true, mapper);
            AnthropicStream events = new AnthropicStream(provider(), mapper, classifier);
            Multi<ObjectNode> chunks = ServerSentEvents.data(http.lines(messagesCall(translated)))
                    .filter(data -> !data.isEmpty())
                    .onItem().transformToIterable(events::chunks);
            return ServerSentEvents.requireEnd(chunks, events.ended(), provider());
        });
    }

    @Override
    public List<String> streamDroppedParameters(CompletionRequest request) {
        return TranslatedRequest.droppedBy(() -> AnthropicRequest.translate(request, true, mapper));
    }

    @Override
    public Uni<ProviderResponse> messages(CompletionRequest request) {
        return passthrough.message(request);
    }

    @Override
    public Multi<ObjectNode> streamMessages(CompletionRequest request) {
        return passthrough.stream(request);
    }

    @Override
    public Uni<ProviderResponse> countTokens(CompletionRequest request) {
        return passthrough.countTokens(request);
    }

    @Override
    public Uni<List<ListedModel>> models() {
        if (!endpoint.models().isEmpty()) {
            return Uni.createFrom().item(ListedModel.ids(endpoint.models()));
        }
        return modelPage(null, new ArrayList<>(), 1);
    }

    /** One page of {@code GET /v1/models}; the next starts after the last id while {@code has_more} says so. */
    private Uni<List<ListedModel>> modelPage(String afterId, List<ListedModel> models, int page) {
        String url = endpoint.baseUrl() + "/v1/models?limit=" + MODELS_PER_PAGE
                + (afterId == null ? "" : "&after_id=" + URLEncoder.encode(afterId, StandardCharsets.UTF_8));
        return http.send(HttpCall.get(provider(), url, headers(), endpoint.timeout())).flatMap(answer -> {
            JsonNode list = json.answer(answer);
            list.path("data").forEach(model -> models.add(new ListedModel(model.path("id").asText(),
                    ListedModel.text(model.get("display_name")), null, null, null, null, null, null)));
            String lastId = list.path("last_id").asText(null);
            if (list.path("has_more").asBoolean(false) && lastId != null && page < MAX_MODEL_PAGES) {
                return modelPage(lastId, models, page + 1);
            }
            return Uni.createFrom().item(models);
        });
    }

    private HttpCall messagesCall(TranslatedRequest translated) {
        return HttpCall.postJson(provider(), endpoint.baseUrl() + "/v1/messages", headers(), translated.bytes(mapper),
                endpoint.timeout());
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("anthropic-version", API_VERSION);
        endpoint.key().ifPresent(key -> headers.put("x-api-key", key));
        return headers;
    }
}
