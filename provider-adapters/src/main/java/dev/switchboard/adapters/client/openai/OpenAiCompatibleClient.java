package dev.switchboard.adapters.client.openai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.DroppedParameters;
import dev.switchboard.adapters.client.Embeddings;
import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.HttpAnswer;
import dev.switchboard.adapters.client.HttpCall;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderJson;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ServerSentEvents;
import dev.switchboard.adapters.client.TranslatedRequest;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

/**
 * OpenAI Chat Completions and Embeddings, as spoken by OpenAI and by every server that copies them (Groq, OpenRouter,
 * DeepSeek, Mistral, Together, vLLM, llama.cpp, LM Studio). The body goes through almost as sent; only the model, the
 * streaming options and what a reasoning model refuses are changed.
 */
public class OpenAiCompatibleClient implements ProviderClient, Embeddings {

    /** OpenAI's reasoning models take max_completion_tokens and no sampling parameters. */
    private static final Pattern REASONING_MODEL = Pattern.compile("^(o\\d|gpt-5)");
    private static final List<String> SAMPLING = List.of("temperature", "top_p", "presence_penalty", "frequency_penalty",
            "logprobs", "top_logprobs", "logit_bias");

    protected final Endpoint endpoint;
    protected final ProviderHttp http;
    protected final ObjectMapper mapper;
    private final ProviderJson json;
    private final boolean keyRequired;

    public OpenAiCompatibleClient(Endpoint endpoint, boolean keyRequired, ProviderHttp http, ErrorClassifier classifier,
            ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.keyRequired = keyRequired;
        this.http = http;
        this.mapper = mapper;
        this.json = new ProviderJson(endpoint.provider(), classifier, mapper);
    }

    @Override
    public String provider() {
        return endpoint.provider();
    }

    @Override
    public String disabledReason() {
        return endpoint.disabledReason(keyRequired);
    }

    @Override
    public Uni<ProviderResponse> complete(CompletionRequest request) {
        TranslatedRequest translated = translate(request, false);
        return http.send(HttpCall.postJson(provider(), completionsUrl(request), headers(), translated.bytes(mapper),
                endpoint.timeout()))
                .map(answer -> new ProviderResponse(completion(answer), translated.dropped()));
    }

    @Override
    public Multi<ObjectNode> stream(CompletionRequest request) {
        TranslatedRequest translated = translate(request, true);
        AtomicBoolean done = new AtomicBoolean();
        Multi<ObjectNode> chunks = ServerSentEvents.data(http.lines(HttpCall.postJson(provider(), completionsUrl(request),
                headers(), translated.bytes(mapper), endpoint.timeout())))
                .filter(data -> !data.isEmpty())
                .select().where(data -> {
                    if ("[DONE]".equals(data)) {
                        done.set(true);
                        return false;
                    }
                    return true;
                })
                .map(this::chunk);
        return ServerSentEvents.requireEnd(chunks, done, provider());
    }

    /** Floats are asked for whatever the caller wants: the router writes base64 itself, for every provider alike. */
    @Override
    public Uni<ProviderResponse> embed(CompletionRequest request) {
        ObjectNode body = request.body().deepCopy();
        DroppedParameters.GATEWAY_FIELDS.forEach(body::remove);
        body.put("model", request.model());
        body.put("encoding_format", "float");
        prepareEmbeddings(body);
        byte[] bytes = new TranslatedRequest(body, List.of()).bytes(mapper);
        return http.send(HttpCall.postJson(provider(), embeddingsUrl(request), headers(), bytes, endpoint.timeout()))
                .map(answer -> new ProviderResponse(embeddingList(answer)));
    }

    @Override
    public List<String> streamDroppedParameters(CompletionRequest request) {
        return TranslatedRequest.droppedBy(() -> translate(request, true));
    }

    @Override
    public Uni<List<ListedModel>> models() {
        if (!endpoint.models().isEmpty()) {
            return Uni.createFrom().item(ListedModel.ids(endpoint.models()));
        }
        return http.send(HttpCall.get(provider(), endpoint.baseUrl() + "/models", headers(), endpoint.timeout()))
                .map(answer -> {
                    List<ListedModel> models = new ArrayList<>();
                    json.answer(answer).path("data").forEach(model -> models.add(OpenAiModelList.entry(model)));
                    return models;
                });
    }

    protected String completionsUrl(CompletionRequest request) {
        return endpoint.baseUrl() + "/chat/completions";
    }

    protected String embeddingsUrl(CompletionRequest request) {
        return endpoint.baseUrl() + "/embeddings";
    }

    /** What this provider changes in an embeddings body beyond the model; nothing here. */
    protected void prepareEmbeddings(ObjectNode body) {
    }

    protected Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        endpoint.key().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        return headers;
    }

    /** The upstream body: the client's, with the provider-side model and the changes this provider needs. */
    protected TranslatedRequest translate(CompletionRequest request, boolean stream) {
        ObjectNode body = request.body().deepCopy();
        DroppedParameters.GATEWAY_FIELDS.forEach(body::remove);
        body.put("model", request.model());
        List<String> dropped = new ArrayList<>();
        if ("openai".equals(provider()) && REASONING_MODEL.matcher(request.model()).find()) {
            if (body.has("max_tokens") && !body.has("max_completion_tokens")) {
                body.set("max_completion_tokens", body.get("max_tokens"));
            }
            body.remove("max_tokens");
            for (String parameter : SAMPLING) {
                if (body.has(parameter)) {
                    body.remove(parameter);
                    dropped.add(parameter);
                }
            }
        }
        if (stream) {
            body.put("stream", true);
            askForStreamUsage(body);
        } else {
            body.remove("stream");
            body.remove("stream_options");
        }
        return new TranslatedRequest(body, dropped);
    }

    /**
     * Asks for the usage chunk on every stream, whatever the client asked: the adapter needs the tokens to price the
     * call; the client gets the usage chunk only if it asked for it.
     */
    protected void askForStreamUsage(ObjectNode body) {
        body.with("stream_options").put("include_usage", true);
    }

    private ObjectNode completion(HttpAnswer answer) {
        JsonNode completion = json.answer(answer);
        if (!completion.isObject() || !completion.has("choices")) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, answer.status(),
                    provider() + " answered without choices", null);
        }
        return (ObjectNode) completion;
    }

    private ObjectNode embeddingList(HttpAnswer answer) {
        JsonNode list = json.answer(answer);
        if (!list.isObject() || !list.path("data").isArray()) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, answer.status(), provider() + " answered without data",
                    null);
        }
        return (ObjectNode) list;
    }

    /** Some servers report a failure after the stream has started as an event of its own, which fails here. */
    private ObjectNode chunk(String data) {
        JsonNode event = json.event(data);
        if (!event.isObject()) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, provider() + " streamed an event that is not an object");
        }
        return (ObjectNode) event;
    }
}
