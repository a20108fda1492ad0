package dev.switchboard.adapters.client.anthropic;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.contracts.ErrorClass;

/**
 * Translates one Anthropic event stream into OpenAI {@code chat.completion.chunk} objects. It keeps the stream's state
 * (message id, usage, which content block is which tool call), so each stream needs its own instance.
 */
final class AnthropicStream {

    /**
     * An error event arrives after a 200 status, so it is classified with the status Anthropic documents for its type.
     */
    static final Map<String, Integer> STATUS_BY_ERROR_TYPE = Map.of(
            "invalid_request_error", 400,
            "authentication_error", 401,
            "billing_error", 402,
            "permission_error", 403,
            "not_found_error", 404,
            "request_too_large", 413,
            "rate_limit_error", 429,
            "api_error", 500,
            "timeout_error", 504,
            "overloaded_error", 529);

    private final String provider;
    private final ObjectMapper mapper;
    private final ErrorClassifier classifier;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long created = ChatCompletions.now();
    private final ObjectNode usage;
    /** Content block index to OpenAI tool call index, which counts tool calls only. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    private String id = "";
    private String model = "";

    AnthropicStream(String provider, ObjectMapper mapper, ErrorClassifier classifier) {
        this.provider = provider;
        this.mapper = mapper;
        this.classifier = classifier;
        this.usage = mapper.createObjectNode();
    }

    /** Set once message_stop has been seen: a stream that ends before it was cut. */
    AtomicBoolean ended() {
        return ended;
    }

    /** The chunks one event's data stands for; most events stand for one, bookkeeping events for none. */
    List<ObjectNode> chunks(String data) {
        JsonNode event = parse(data);
        return switch (event.path("type").asText()) {
            case "message_start" -> messageStart(event.path("message"));
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"));
            case "message_delta" -> messageDelta(event);
            case "message_stop" -> messageStop();
            case "error" -> throw error(event, data);
            // ping, content_block_stop, and event types added later, which Anthropic asks clients to ignore.
            default -> List.of();
        };
    }

    private List<ObjectNode> messageStart(JsonNode message) {
        id = message.path("id").asText();
        model = message.path("model").asText();
        count(message.path("usage"));
        ObjectNode delta = mapper.createObjectNode().put("role", "assistant").put("content", "");
        return List.of(chunk(delta, null));
    }

    private List<ObjectNode> blockStart(int index, JsonNode block) {
        String type = block.path("type").asText();
        if ("text".equals(type) && !block.path("text").asText().isEmpty()) {
            return List.of(text(block.path("text").asText()));
        }
        if (!"tool_use".equals(type)) {
            return List.of();
        }
        int toolIndex = toolCalls.size();
        toolCalls.put(index, toolIndex);
        ObjectNode call = mapper.createObjectNode()
                .put("index", toolIndex)
                .put("id", block.path("id").asText())
                .put("type", "function");
        call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
        return List.of(toolDelta(call));
    }

    private List<ObjectNode> blockDelta(int index, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta":
                return List.of(text(delta.path("text").asText()));
            case "input_json_delta":
                String fragment = delta.path("partial_json").asText();
                if (fragment.isEmpty() || !toolCalls.containsKey(index)) {
                    return List.of();
                }
                ObjectNode call = mapper.createObjectNode().put("index", toolCalls.get(index));
                call.putObject("function").put("arguments", fragment);
                return List.of(toolDelta(call));
            default:
                return List.of();
        }
    }

    private List<ObjectNode> messageDelta(JsonNode event) {
        // message_delta counts are cumulative, so they replace the ones from message_start.
        count(event.path("usage"));
        String stopReason = event.at("/delta/stop_reason").asText(null);
        if (stopReason == null) {
            return List.of();
        }
        return List.of(chunk(mapper.createObjectNode(), AnthropicResponse.finishReason(stopReason)));
    }

    /** Keeps the counts and the {@code cache_creation} split; a later event's figures replace earlier ones. */
    private void count(JsonNode counts) {
        counts.fields().forEachRemaining(count -> {
            if (count.getValue().isNumber() || count.getValue().isObject()) {
                usage.set(count.getKey(), count.getValue());
            }
        });
    }

    private List<ObjectNode> messageStop() {
        ended.set(true);
        ObjectNode last = base();
        last.putArray("choices");
        last.set("usage", AnthropicResponse.usage(usage, mapper));
        return List.of(last);
    }

    private ProviderException error(JsonNode event, String data) {
        String type = event.at("/error/type").asText();
        return classifier.classify(provider, STATUS_BY_ERROR_TYPE.getOrDefault(type, 500), null, data);
    }

    private ObjectNode text(String text) {
        return chunk(mapper.createObjectNode().put("content", text), null);
    }

    private ObjectNode toolDelta(ObjectNode call) {
        ObjectNode delta = mapper.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode base() {
        return ChatCompletions.envelope(mapper, id, model, ChatCompletions.CHUNK, created);
    }

    private JsonNode parse(String data) {
        try {
            JsonNode event = mapper.readTree(data);
            if (event != null && event.isObject()) {
                return event;
            }
        } catch (IOException e) {
            // Reported below.
        }
        throw new ProviderException(ErrorClass.SERVER_ERROR, provider + " streamed an unreadable event");
    }
}
