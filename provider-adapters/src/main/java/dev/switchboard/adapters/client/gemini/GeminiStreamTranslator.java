package dev.switchboard.adapters.client.gemini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.contracts.CompletionRequest;

/** Turns the events of one Gemini stream (partial {@code GenerateContentResponse}s) into OpenAI chunks; one per stream. */
final class GeminiStreamTranslator {

    private final ObjectMapper mapper;
    private final CompletionRequest request;
    private final String provider;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    private final String idPrefix = ChatCompletions.callIdPrefix();
    private final long created = ChatCompletions.now();
    private String id;
    private String model;
    private JsonNode usage;

    GeminiStreamTranslator(ObjectMapper mapper, CompletionRequest request, String provider) {
        this.mapper = mapper;
        this.request = request;
        this.provider = provider;
    }

    /** Set once an event carried a finish reason: Gemini's stream has no end marker of its own. */
    AtomicBoolean finished() {
        return finished;
    }

    List<ObjectNode> chunks(JsonNode event) {
        if (id == null) {
            id = GeminiAnswers.id(request, event);
            model = GeminiAnswers.model(request, event);
        }
        if (event.has("usageMetadata")) {
            usage = event.get("usageMetadata");
        }
        List<ObjectNode> chunks = new ArrayList<>();
        if (event.path("candidates").isEmpty()) {
            // Usage-only events are possible; a blocked prompt comes without candidates and fails here.
            if (event.path("promptFeedback").has("blockReason")) {
                GeminiAnswers.requireCandidates(provider, event);
            }
            return chunks;
        }
        int position = 0;
        for (JsonNode candidate : event.path("candidates")) {
            candidate(candidate, candidate.path("index").asInt(position++), chunks);
        }
        return chunks;
    }

    private void candidate(JsonNode candidate, int index, List<ObjectNode> chunks) {
        if (!toolCalls.containsKey(index)) {
            toolCalls.put(index, 0);
            chunks.add(chunk(index, mapper.createObjectNode().put("role", "assistant").put("content", ""), null));
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = mapper.createArrayNode();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue;
            }
            if (part.has("text")) {
                text.append(part.get("text").asText());
            }
            if (part.has("functionCall")) {
                int callIndex = toolCalls.merge(index, 1, Integer::sum) - 1;
                calls.add(GeminiAnswers.toolCall(mapper, part, idPrefix + index + "_" + callIndex)
                        .put("index", callIndex));
            }
        }
        if (text.length() > 0 || !calls.isEmpty()) {
            ObjectNode delta = mapper.createObjectNode();
            if (text.length() > 0) {
                delta.put("content", text.toString());
            }
            if (!calls.isEmpty()) {
                delta.set("tool_calls", calls);
            }
            chunks.add(chunk(index, delta, null));
        }
        String reason = GeminiAnswers.finishReason(candidate.path("finishReason").asText(""), toolCalls.get(index) > 0);
        if (reason != null) {
            finished.set(true);
            chunks.add(chunk(index, mapper.createObjectNode(), reason));
        }
    }

    ObjectNode usageChunk() {
        ObjectNode chunk = ChatCompletions.envelope(mapper, id == null ? ChatCompletions.id(request.requestId()) : id,
                model == null ? request.model() : model, ChatCompletions.CHUNK, created);
        chunk.putArray("choices");
        chunk.set("usage", GeminiAnswers.usage(mapper, usage == null ? mapper.createObjectNode() : usage));
        return chunk;
    }

    private ObjectNode chunk(int index, ObjectNode delta, String finishReason) {
        ObjectNode chunk = ChatCompletions.envelope(mapper, id, model, ChatCompletions.CHUNK, created);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk;
    }
}
