package dev.switchboard.router.rest.messages;

import java.io.IOException;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;

/**
 * Reads an Anthropic Messages body once and checks what Switchboard itself reads (the model, the turns, the numbers it
 * routes on), naming the field at fault as Anthropic does ({@code max_tokens: Field required}). Fields it does not know
 * are left alone: they pass through to Anthropic unchanged, so a new beta needs no change here.
 */
@Singleton
public class MessagesRequestParser {

    private static final Set<String> ROLES = Set.of("user", "assistant");
    private static final int MAX_MODEL_NAME = 256;

    private final ObjectMapper mapper;

    public MessagesRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A {@code POST /v1/messages} body. */
    public ObjectNode message(byte[] json) {
        ObjectNode body = read(json);
        checkCommon(body);
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) {
            throw invalid("max_tokens: Field required");
        }
        if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
            throw invalid("max_tokens: Input should be an integer of at least 1");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw invalid("stream: Input should be a valid boolean");
        }
        checkNumber(body, "temperature", 0, 1);
        checkNumber(body, "top_p", 0, 1);
        JsonNode topK = body.get("top_k");
        if (topK != null && !topK.isNull() && (!topK.isIntegralNumber() || topK.asLong() < 0)) {
            throw invalid("top_k: Input should be a non-negative integer");
        }
        JsonNode stops = body.get("stop_sequences");
        if (stops != null && !stops.isNull()) {
            if (!stops.isArray()) {
                throw invalid("stop_sequences: Input should be a valid list");
            }
            for (int i = 0; i < stops.size(); i++) {
                if (!stops.get(i).isTextual()) {
                    throw invalid("stop_sequences." + i + ": Input should be a valid string");
                }
            }
        }
        JsonNode metadata = body.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw invalid("metadata: Input should be a valid dictionary");
        }
        JsonNode thinking = body.get("thinking");
        if (thinking != null && !thinking.isNull() && !(thinking.isObject() && thinking.path("type").isTextual())) {
            throw invalid("thinking: Input should be an object with a 'type', such as {\"type\":\"enabled\","
                    + "\"budget_tokens\":1024}");
        }
        return body;
    }

    /** A {@code POST /v1/messages/count_tokens} body: a message body without {@code max_tokens}. */
    public ObjectNode countTokens(byte[] json) {
        ObjectNode body = read(json);
        checkCommon(body);
        return body;
    }

    private ObjectNode read(byte[] json) {
        if (json == null || json.length == 0) {
            throw invalid("The request body is empty; send a JSON Messages request.");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("The request body is not valid JSON: " + e.getOriginalMessage() + ".");
        } catch (IOException e) {
            throw invalid("The request body could not be read.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The request body must be a JSON object.");
        }
        return (ObjectNode) root;
    }

    private static void checkCommon(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw invalid("model: Field required");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("model: Input should be a non-empty string such as \"anthropic/claude-sonnet-4-5\"");
        }
        // Trimming would silently drop a control character, so the name routed would not be the name sent.
        if (model.asText().length() > MAX_MODEL_NAME || model.asText().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw invalid("model: a model name has at most " + MAX_MODEL_NAME + " characters and no control characters");
        }
        checkSystem(body.get("system"));
        checkMessages(body.get("messages"));
        checkTools(body.get("tools"));
        JsonNode choice = body.get("tool_choice");
        if (choice != null && !choice.isNull() && !(choice.isObject() && choice.path("type").isTextual())) {
            throw invalid("tool_choice: Input should be an object with a 'type' (auto, any, tool, none)");
        }
    }

    private static void checkSystem(JsonNode system) {
        if (system == null || system.isNull() || system.isTextual()) {
            return;
        }
        if (!system.isArray()) {
            throw invalid("system: Input should be a string or a list of text blocks");
        }
        for (int i = 0; i < system.size(); i++) {
            if (!"text".equals(system.get(i).path("type").asText()) || !system.get(i).path("text").isTextual()) {
                throw invalid("system." + i + ": Input should be a text block, {\"type\":\"text\",\"text\":\"...\"}");
            }
        }
    }

    private static void checkMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw invalid("messages: Field required");
        }
        if (!messages.isArray()) {
            throw invalid("messages: Input should be a valid list");
        }
        if (messages.isEmpty()) {
            throw invalid("messages: List should have at least 1 item");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "messages." + i;
            if (!message.isObject()) {
                throw invalid(at + ": Input should be an object with a role and content");
            }
            if (!ROLES.contains(message.path("role").asText())) {
                throw invalid(at + ".role: Input should be 'user' or 'assistant'");
            }
            JsonNode content = message.get("content");
            if (content == null || !(content.isTextual() || content.isArray())) {
                throw invalid(at + ".content: Input should be a string or a list of content blocks");
            }
            for (int j = 0; content.isArray() && j < content.size(); j++) {
                if (!content.get(j).isObject() || !content.get(j).path("type").isTextual()) {
                    throw invalid(at + ".content." + j + ": Input should be a content block: an object with a 'type'");
                }
            }
        }
    }

    private static void checkTools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw invalid("tools: Input should be a valid list");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.isObject() || !tool.path("name").isTextual() || tool.path("name").asText().isBlank()) {
                throw invalid("tools." + i + ".name: Field required");
            }
        }
    }

    private static void checkNumber(ObjectNode body, String field, double min, double max) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && (!value.isNumber() || value.asDouble() < min || value.asDouble() > max)) {
            throw invalid(field + ": Input should be a number from " + (int) min + " to " + (int) max);
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, message, null, null);
    }
}
