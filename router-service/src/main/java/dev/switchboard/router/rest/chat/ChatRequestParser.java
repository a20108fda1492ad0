package dev.switchboard.router.rest.chat;

import static dev.switchboard.router.rest.chat.JsonChecks.invalid;
import static dev.switchboard.router.rest.chat.JsonChecks.required;
import static dev.switchboard.router.rest.chat.JsonChecks.typed;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.router.rest.chat.JsonChecks.Kind;

/**
 * Reads a chat completion body once and checks every field OpenAI defines the way OpenAI does, so a bad call gets a 400
 * that names the field at fault instead of failing later at a provider, or being read differently there. Fields it
 * does not know pass through to the provider unchecked. JSON that cannot be read at all goes to the error mapper.
 */
@Singleton
public class ChatRequestParser {

    private static final int MAX_MODEL_NAME = 256;
    private static final int MAX_USER = 256;
    private static final int MAX_METADATA_PAIRS = 16;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;
    private static final List<String> STRINGS = List.of("reasoning_effort", "service_tier", "prompt_cache_key",
            "safety_identifier", "verbosity");
    private static final List<String> BOOLEANS = List.of("stream", "logprobs", "parallel_tool_calls", "store");
    private static final List<String> OBJECTS = List.of("audio", "prediction", "web_search_options");

    private final ObjectMapper mapper;

    public ChatRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode parse(byte[] json) throws IOException {
        if (json == null || json.length == 0) {
            throw invalid("The request body is empty; send a JSON chat completion request.", null);
        }
        JsonNode root = mapper.readTree(json);
        if (root == null || !root.isObject()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        ObjectNode body = (ObjectNode) root;
        modelName(body.get("model"), "model");
        MessageChecks.messages(body.get("messages"));
        number(body, "temperature", 0, 2);
        number(body, "top_p", 0, 1);
        number(body, "presence_penalty", -2, 2);
        number(body, "frequency_penalty", -2, 2);
        integer(body, "max_tokens", 1, Integer.MAX_VALUE);
        integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
        integer(body, "n", 1, Integer.MAX_VALUE);
        integer(body, "top_logprobs", 0, Integer.MAX_VALUE);
        integer(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        STRINGS.forEach(field -> typed(body.get(field), field, Kind.STRING));
        BOOLEANS.forEach(field -> typed(body.get(field), field, Kind.BOOLEAN));
        OBJECTS.forEach(field -> typed(body.get(field), field, Kind.OBJECT));
        typed(body.get("modalities"), "modalities", Kind.ARRAY);
        stop(body.get("stop"));
        logitBias(body.get("logit_bias"));
        user(body.get("user"));
        metadata(body.get("metadata"));
        streamOptions(body);
        ToolChecks.tools(body.get("tools"));
        ToolChecks.toolChoice(body.get("tool_choice"));
        ToolChecks.responseFormat(body.get("response_format"));
        fallbacks(body.get("models"));
        return body;
    }

    /** A model name as the resolver reads it: text without control characters, which trimming would silently drop. */
    private static void modelName(JsonNode model, String param) {
        JsonChecks.requiredText(model, param);
        String name = model.asText();
        if (name.length() > MAX_MODEL_NAME || name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw invalid("Invalid value for '" + param + "': a model name has at most " + MAX_MODEL_NAME
                    + " characters and no control characters, such as \"mock/echo\".", param);
        }
    }

    private static void number(ObjectNode body, String field, double min, double max) {
        JsonNode value = body.get(field);
        if (typed(value, field, Kind.NUMBER) && !(value.asDouble() >= min && value.asDouble() <= max)) {
            throw invalid("Invalid value for '" + field + "': it must be a number from " + format(min) + " to "
                    + format(max) + ".", field);
        }
    }

    private static void integer(ObjectNode body, String field, long min, long max) {
        JsonNode value = body.get(field);
        if (typed(value, field, Kind.INTEGER)
                && (!value.canConvertToLong() || value.asLong() < min || value.asLong() > max)) {
            throw invalid("Invalid value for '" + field + "': it must be an integer "
                    + (min == Long.MIN_VALUE ? "that fits in 64 bits" : "from " + min + " to " + max) + ".", field);
        }
    }

    private static void stop(JsonNode stop) {
        if (typed(stop, "stop", Kind.STRING, Kind.ARRAY) && stop.isArray()) {
            for (int i = 0; i < stop.size(); i++) {
                required(stop.get(i), "stop[" + i + "]", Kind.STRING);
            }
        }
    }

    /** Token ids (as strings of digits) to a bias from -100 to 100. */
    private static void logitBias(JsonNode bias) {
        if (!typed(bias, "logit_bias", Kind.OBJECT)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = bias.fields(); entries.hasNext();) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String at = "logit_bias." + entry.getKey();
            if (!entry.getKey().matches("\\d{1,10}")) {
                throw invalid("Invalid key in 'logit_bias': '" + entry.getKey() + "' is not a token id.", at);
            }
            required(entry.getValue(), at, Kind.NUMBER);
            if (!(entry.getValue().asDouble() >= -100 && entry.getValue().asDouble() <= 100)) {
                throw invalid("Invalid value for '" + at + "': a bias is from -100 to 100.", at);
            }
        }
    }

    private static void user(JsonNode user) {
        if (typed(user, "user", Kind.STRING) && user.asText().length() > MAX_USER) {
            throw invalid("Invalid value for 'user': it must be a string of at most " + MAX_USER + " characters.", "user");
        }
    }

    /** OpenAI's metadata: up to 16 pairs of strings, keys up to 64 and values up to 512 characters. */
    private static void metadata(JsonNode metadata) {
        if (!typed(metadata, "metadata", Kind.OBJECT)) {
            return;
        }
        if (metadata.size() > MAX_METADATA_PAIRS) {
            throw invalid("Invalid value for 'metadata': it holds at most " + MAX_METADATA_PAIRS + " pairs.", "metadata");
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = metadata.fields(); entries.hasNext();) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String at = "metadata." + entry.getKey();
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_METADATA_KEY) {
                throw invalid("Invalid key in 'metadata': keys are 1 to " + MAX_METADATA_KEY + " characters.", at);
            }
            required(entry.getValue(), at, Kind.STRING);
            if (entry.getValue().asText().length() > MAX_METADATA_VALUE) {
                throw invalid("Invalid value for '" + at + "': it must be a string of at most " + MAX_METADATA_VALUE
                        + " characters.", at);
            }
        }
    }

    private static void streamOptions(ObjectNode body) {
        JsonNode options = body.get("stream_options");
        if (!typed(options, "stream_options", Kind.OBJECT)) {
            return;
        }
        if (!body.path("stream").asBoolean(false)) {
            throw invalid("Invalid value for 'stream_options': it is only allowed when 'stream' is true.",
                    "stream_options");
        }
        typed(options.get("include_usage"), "stream_options.include_usage", Kind.BOOLEAN);
    }

    /** OpenRouter's {@code models}: further models to fall back to, in order. */
    private static void fallbacks(JsonNode models) {
        if (typed(models, "models", Kind.ARRAY)) {
            for (int i = 0; i < models.size(); i++) {
                modelName(models.get(i), "models[" + i + "]");
            }
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
