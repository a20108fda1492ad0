package dev.switchboard.adapters.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.config.ProvidersConfig.MockSettings;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Providers;

/**
 * The built-in deterministic provider. {@code mock/echo} answers with the last user message, streamed one word per
 * chunk; {@code mock/embed} embeds each input as a vector drawn from its hash ({@link MockVectors}). Tokens are counted
 * as whitespace-separated words, or as a token array's length.
 */
public class MockProviderClient implements ProviderClient, Embeddings {

    static final String ECHO = "echo";
    static final String EMBED = "embed";
    /** OpenAI's largest embedding has 3,072 dimensions; the mock allows a little more, and no more. */
    private static final int MAX_DIMENSIONS = 4096;

    private final ObjectMapper mapper;
    private final Duration latency;
    private final Duration chunkDelay;

    public MockProviderClient(ObjectMapper mapper, MockSettings settings) {
        this.mapper = mapper;
        this.latency = settings.latency();
        this.chunkDelay = settings.chunkDelay();
    }

    @Override
    public String provider() {
        return Providers.MOCK;
    }

    @Override
    public String disabledReason() {
        return null;
    }

    @Override
    public Uni<ProviderResponse> complete(CompletionRequest request) {
        Uni<ProviderResponse> answer = known(request).map(ignored -> new ProviderResponse(completion(request)));
        return latency.isZero() ? answer : answer.onItem().delayIt().by(latency);
    }

    @Override
    public Multi<ObjectNode> stream(CompletionRequest request) {
        Multi<ObjectNode> immediate = known(request)
                .onItem().transformToMulti(ignored -> Multi.createFrom().iterable(chunks(request)));
        Multi<ObjectNode> paced = chunkDelay.isZero() ? immediate
                : immediate.onItem().call(chunk -> Uni.createFrom().voidItem().onItem().delayIt().by(chunkDelay));
        return latency.isZero() ? paced
                : Uni.createFrom().voidItem().onItem().delayIt().by(latency).onItem().transformToMulti(ignored -> paced);
    }

    @Override
    public Uni<ProviderResponse> embed(CompletionRequest request) {
        Uni<ProviderResponse> answer = known(request, EMBED).map(ignored -> new ProviderResponse(embeddings(request)));
        return latency.isZero() ? answer : answer.onItem().delayIt().by(latency);
    }

    @Override
    public Uni<List<ListedModel>> models() {
        return Uni.createFrom().item(List.of(ListedModel.id(ECHO), ListedModel.id(EMBED)));
    }

    private Uni<CompletionRequest> known(CompletionRequest request) {
        return known(request, ECHO);
    }

    /** The model is the one this operation has; the other model, or any other name, is not found. */
    private static Uni<CompletionRequest> known(CompletionRequest request, String model) {
        if (!model.equals(request.model())) {
            return Uni.createFrom().failure(new ProviderException(ErrorClass.MODEL_NOT_FOUND, 404,
                    "the mock provider has no " + request.operation().wireName() + " model '" + request.model()
                            + "'; it serves: " + model,
                    null));
        }
        return Uni.createFrom().item(request);
    }

    private ObjectNode embeddings(CompletionRequest request) {
        JsonNode input = request.body().path("input");
        List<JsonNode> items = new ArrayList<>();
        if (input.isArray() && !input.isEmpty() && !input.get(0).isNumber()) {
            input.forEach(items::add);
        } else {
            items.add(input);
        }
        Integer asked = EmbeddingLists.dimensions(request);
        if (asked != null && (asked < 1 || asked > MAX_DIMENSIONS)) {
            throw new ProviderException(ErrorClass.BAD_REQUEST, 400, "dimensions must be from 1 to " + MAX_DIMENSIONS,
                    null);
        }
        int dimensions = asked == null ? MockVectors.DEFAULT_DIMENSIONS : asked;
        List<JsonNode> vectors = new ArrayList<>();
        long tokens = 0;
        for (JsonNode item : items) {
            vectors.add(MockVectors.of(mapper, item.isTextual() ? item.asText() : item.toString(), dimensions));
            tokens += item.isTextual() ? words(item.asText()) : item.size();
        }
        return EmbeddingLists.answer(mapper, request.model(), vectors, tokens);
    }

    private ObjectNode completion(CompletionRequest request) {
        String reply = lastUserText(request.body());
        ObjectNode completion = envelope(request, ChatCompletions.COMPLETION);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", reply).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        completion.set("usage", usage(request, reply));
        return completion;
    }

    private List<ObjectNode> chunks(CompletionRequest request) {
        String reply = lastUserText(request.body());
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(request, mapper.createObjectNode().put("role", "assistant").put("content", ""), null));
        String[] words = reply.strip().isEmpty() ? new String[0] : reply.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            chunks.add(chunk(request, mapper.createObjectNode().put("content", (i == 0 ? "" : " ") + words[i]), null));
        }
        chunks.add(chunk(request, mapper.createObjectNode(), "stop"));
        ObjectNode usage = envelope(request, ChatCompletions.CHUNK);
        usage.putArray("choices");
        usage.set("usage", usage(request, reply));
        chunks.add(usage);
        return chunks;
    }

    private ObjectNode chunk(CompletionRequest request, ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope(request, ChatCompletions.CHUNK);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private ObjectNode envelope(CompletionRequest request, String object) {
        return ChatCompletions.envelope(mapper, ChatCompletions.id(request.requestId()), request.model(), object,
                ChatCompletions.now());
    }

    private ObjectNode usage(CompletionRequest request, String reply) {
        long prompt = 0;
        for (JsonNode message : request.body().path("messages")) {
            prompt += words(text(message.path("content")));
        }
        long completion = words(reply);
        return mapper.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static String lastUserText(JsonNode body) {
        String reply = "";
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                reply = text(message.path("content"));
            }
        }
        return reply;
    }

    /** The text of a message's content, whether a plain string or an array of parts. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    private static long words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
