package dev.switchboard.router.rest.chat;

import java.io.IOException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;

/**
 * Reads a chat completion body once and checks it the way OpenAI does, so a bad call gets a 400 that names the field
 * at fault instead of failing later at a provider.
 */
@ApplicationScoped
public class ChatRequestParser {

    private static final int MAX_USER = 256;
    private static final int MAX_METADATA_PAIRS = 16;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private final ObjectMapper mapper;

    public ChatRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw invalid("The request body is empty; send a JSON chat completion request.", null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("We could not parse the JSON body of your request: " + e.getOriginalMessage() + ".", null);
        } catch (IOException e) {
            throw invalid("We could not read the body of your request.", null);
        }
        if (root == null || !root.isObject()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        ObjectNode body = (ObjectNode) root;
        checkModel(body.get("model"));
        checkMessages(body.get("messages"));
        checkNumber(body, "temperature", 0, 2);
        checkNumber(body, "top_p", 0, 1);
        checkNumber(body, "presence_penalty", -2, 2);
        checkNumber(body, "frequency_penalty", -2, 2);
        checkPositiveInteger(body, "max_tokens");
        checkPositiveInteger(body, "max_completion_tokens");
        checkPositiveInteger(body, "n");
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw invalid("'stream' must be a boolean.", "stream");
        }
        JsonNode streamOptions = body.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw invalid("'stream_options' must be an object.", "stream_options");
            }
            JsonNode includeUsage = streamOptions.get("include_usage");
            if (includeUsage != null && !includeUsage.isNull() && !includeUsage.isBoolean()) {
                throw invalid("'stream_options.include_usage' must be a boolean.", "stream_options.include_usage");
            }
        }
        checkTools(body.get("tools"));
        checkUser(body.get("user"));
        checkMetadata(body.get("metadata"));
        return body;
    }

    private static void checkUser(JsonNode user) {
        if (user != null && !user.isNull() && (!user.isTextual() || user.asText().length() > MAX_USER)) {
            throw invalid("'user' must be a string of at most " + MAX_USER + " characters.", "user");
        }
    }

    /** OpenAI's metadata: up to 16 pairs of strings, keys up to 64 and values up to 512 characters. */
    private static void checkMetadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject() || metadata.size() > MAX_METADATA_PAIRS) {
            throw invalid("'metadata' must be an object of at most " + MAX_METADATA_PAIRS + " string pairs.", "metadata");
        }
        for (var fields = metadata.fields(); fields.hasNext();) {
            var field = fields.next();
            String at = "metadata." + field.getKey();
            if (field.getKey().isEmpty() || field.getKey().length() > MAX_METADATA_KEY) {
                throw invalid("'metadata' keys must be 1 to " + MAX_METADATA_KEY + " characters.", at);
            }
            if (!field.getValue().isTextual() || field.getValue().asText().length() > MAX_METADATA_VALUE) {
                throw invalid("'" + at + "' must be a string of at most " + MAX_METADATA_VALUE + " characters.", at);
            }
        }
    }

    private static void checkModel(JsonNode model) {
        if (model == null || model.isNull()) {
            throw invalid("you must provide a model parameter", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("'model' must be a non-empty string such as \"mock/echo\".", "model");
        }
    }

    private static void checkMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw invalid("Missing required parameter: 'messages'.", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw invalid("'messages' must be a non-empty array.", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "messages[" + i + "]";
            if (!message.isObject()) {
                throw invalid("'" + at + "' must be an object.", at);
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                throw invalid("'" + at + ".role' must be one of " + String.join(", ", ROLES.stream().sorted().toList()) + ".",
                        at + ".role");
            }
            JsonNode content = message.get("content");
            boolean hasToolCalls = message.has("tool_calls") && message.get("tool_calls").isArray();
            boolean contentOk = content != null && (content.isTextual() || content.isArray())
                    || (content == null || content.isNull()) && ("assistant".equals(role.asText()) && hasToolCalls);
            if (!contentOk) {
                throw invalid("'" + at + ".content' must be a string or an array of content parts.", at + ".content");
            }
            if (content != null && content.isArray()) {
                checkParts(content, at + ".content");
            }
        }
    }

    private static void checkParts(JsonNode parts, String at) {
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            if (!part.isObject() || !part.path("type").isTextual()) {
                throw invalid("'" + at + "[" + i + "]' must be a content part: an object with a 'type', such as "
                        + "{\"type\":\"text\",\"text\":\"...\"}.", at + "[" + i + "]");
            }
        }
    }

    private static void checkTools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw invalid("'tools' must be an array of tools.", "tools");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.isObject() || !tool.path("type").isTextual()) {
                throw invalid("'tools[" + i + "]' must be an object with a 'type', such as \"function\".",
                        "tools[" + i + "]");
            }
        }
    }

    private static void checkNumber(ObjectNode body, String field, double min, double max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw invalid("'" + field + "' must be a number from " + format(min) + " to " + format(max) + ".", field);
        }
    }

    private static void checkPositiveInteger(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw invalid("'" + field + "' must be an integer of at least 1.", field);
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static ApiException invalid(String message, String param) {
        return new ApiException(400, message, param, null);
    }
}
