package dev.switchboard.adapters.client.ollama;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.contracts.CompletionRequest;

/** Turns the NDJSON objects of one Ollama stream into OpenAI {@code chat.completion.chunk} objects; one per stream. */
final class OllamaStreamTranslator {

    private final ObjectMapper mapper;
    private final CompletionRequest request;
    private final AtomicBoolean done = new AtomicBoolean();
    private final String idPrefix = ChatCompletions.callIdPrefix();
    private final long created = ChatCompletions.now();
    private final String id;
    private String model;
    private int toolCalls;
    private JsonNode last;

    OllamaStreamTranslator(ObjectMapper mapper, CompletionRequest request) {
        this.mapper = mapper;
        this.request = request;
        this.id = ChatCompletions.id(request.requestId());
    }

    /** Set once the object with {@code done: true} arrived; Ollama's stream has no other end marker. */
    AtomicBoolean done() {
        return done;
    }

    List<ObjectNode> chunks(JsonNode line) {
        List<ObjectNode> chunks = new ArrayList<>();
        if (model == null) {
            model = line.path("model").asText(request.model());
            chunks.add(chunk(mapper.createObjectNode().put("role", "assistant").put("content", ""), null));
        }
        JsonNode message = line.path("message");
        ObjectNode delta = mapper.createObjectNode();
        if (!message.path("content").asText("").isEmpty()) {
            delta.put("content", message.get("content").asText());
        }
        if (!message.path("thinking").asText("").isEmpty()) {
            delta.put("reasoning_content", message.get("thinking").asText());
        }
        if (!message.path("tool_calls").isEmpty()) {
            ArrayNode calls = delta.putArray("tool_calls");
            for (JsonNode call : message.path("tool_calls")) {
                int index = toolCalls++;
                calls.add(OllamaAnswers.toolCall(mapper, call, idPrefix + index).put("index", index));
            }
        }
        if (!delta.isEmpty()) {
            chunks.add(chunk(delta, null));
        }
        if (line.path("done").asBoolean(false)) {
            last = line;
            done.set(true);
            chunks.add(chunk(mapper.createObjectNode(),
                    OllamaAnswers.finishReason(line.path("done_reason").asText(""), toolCalls > 0)));
        }
        return chunks;
    }

    ObjectNode usageChunk() {
        ObjectNode chunk = ChatCompletions.envelope(mapper, id, model == null ? request.model() : model,
                ChatCompletions.CHUNK, created);
        chunk.putArray("choices");
        chunk.set("usage", OllamaAnswers.usage(mapper, last == null ? mapper.createObjectNode() : last));
        return chunk;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = ChatCompletions.envelope(mapper, id, model, ChatCompletions.CHUNK, created);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk;
    }
}
