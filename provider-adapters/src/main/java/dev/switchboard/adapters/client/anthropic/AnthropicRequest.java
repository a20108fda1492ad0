package dev.switchboard.adapters.client.anthropic;

import static dev.switchboard.adapters.client.anthropic.AnthropicMessages.refused;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.DroppedParameters;
import dev.switchboard.adapters.client.TranslatedRequest;
import dev.switchboard.contracts.CompletionRequest;

/**
 * Builds a Messages API body from an OpenAI chat completion body: what maps is translated, what Anthropic cannot
 * honour is refused or dropped as listed in {@code docs/anthropic.md}.
 */
final class AnthropicRequest {

    /** Anthropic requires max_tokens; OpenAI does not. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** Fields this class reads; any other non-empty field is dropped and reported. */
    private static final Set<String> TRANSLATED = Set.of("model", "messages", "max_tokens", "max_completion_tokens",
            "temperature", "top_p", "stop", "n", "stream", "stream_options", "tools", "tool_choice", "parallel_tool_calls",
            "user", "response_format", "modalities");

    private final ObjectMapper mapper;
    private final JsonNode in;
    private final ObjectNode body;
    private final Set<String> dropped = new LinkedHashSet<>();

    private AnthropicRequest(ObjectMapper mapper, JsonNode in) {
        this.mapper = mapper;
        this.in = in;
        this.body = mapper.createObjectNode();
    }

    /** The upstream body; a request Anthropic cannot honour fails with a {@code bad_request} ProviderException. */
    static TranslatedRequest translate(CompletionRequest request, boolean stream, ObjectMapper mapper) {
        AnthropicRequest translation = new AnthropicRequest(mapper, request.body());
        translation.refuseWhatCannotBeHonoured();
        translation.body.put("model", request.model());
        translation.messages();
        translation.sampling();
        translation.tools();
        translation.responseFormat();
        if (translation.in.hasNonNull("user")) {
            translation.body.putObject("metadata").put("user_id", translation.in.get("user").asText());
        }
        if (stream) {
            translation.body.put("stream", true);
        }
        translation.dropTheRest();
        return new TranslatedRequest(translation.body, List.copyOf(translation.dropped));
    }

    private void refuseWhatCannotBeHonoured() {
        if (in.hasNonNull("n") && in.get("n").asInt() != 1) {
            throw refused("n must be 1: anthropic gives one choice per request");
        }
        JsonNode temperature = in.get("temperature");
        if (temperature != null && temperature.isNumber()
                && (temperature.asDouble() < 0 || temperature.asDouble() > 1)) {
            throw refused("temperature must be between 0 and 1 for anthropic, not " + temperature.asText());
        }
        if (in.hasNonNull("functions") || in.hasNonNull("function_call")) {
            throw refused("functions and function_call (legacy function calling) are not supported; use tools");
        }
        if (in.hasNonNull("audio")) {
            throw refused("anthropic gives no audio output");
        }
        for (JsonNode modality : in.path("modalities")) {
            if (!"text".equals(modality.asText())) {
                throw refused("anthropic answers in text only, not " + modality.asText());
            }
        }
    }

    private void messages() {
        AnthropicMessages.Translated messages = AnthropicMessages.translate(in.path("messages"), mapper, dropped);
        if (messages.turns().isEmpty()) {
            throw refused("it needs at least one user or assistant message");
        }
        if (messages.system() != null) {
            body.put("system", messages.system());
        }
        body.set("messages", messages.turns());
    }

    private void sampling() {
        JsonNode maxTokens = in.hasNonNull("max_completion_tokens") ? in.get("max_completion_tokens") : in.get("max_tokens");
        body.put("max_tokens", maxTokens != null && maxTokens.canConvertToInt() ? maxTokens.asInt() : DEFAULT_MAX_TOKENS);
        if (in.hasNonNull("temperature")) {
            body.set("temperature", in.get("temperature"));
        }
        if (in.hasNonNull("top_p")) {
            body.set("top_p", in.get("top_p"));
        }
        JsonNode stop = in.get("stop");
        if (stop != null && (stop.isTextual() || stop.isArray() && !stop.isEmpty())) {
            ArrayNode sequences = body.putArray("stop_sequences");
            if (stop.isTextual()) {
                sequences.add(stop.asText());
            } else {
                stop.forEach(sequence -> sequences.add(sequence.asText()));
            }
        }
    }

    private void tools() {
        JsonNode tools = in.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            // Without tools a tool choice means nothing to Anthropic, which rejects it; auto and none change nothing.
            String choice = in.path("tool_choice").asText();
            if (in.hasNonNull("tool_choice") && !"auto".equals(choice) && !"none".equals(choice)) {
                dropped.add("tool_choice");
            }
            return;
        }
        ArrayNode out = body.putArray("tools");
        for (JsonNode tool : tools) {
            if (!"function".equals(tool.path("type").asText("function"))) {
                throw refused("tools of type '" + tool.path("type").asText() + "' are not supported");
            }
            JsonNode function = tool.path("function");
            if (function.path("name").asText().isEmpty()) {
                throw refused("every tool needs a function name");
            }
            ObjectNode translated = out.addObject().put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                translated.put("description", function.get("description").asText());
            }
            JsonNode parameters = function.get("parameters");
            translated.set("input_schema", parameters != null && parameters.isObject() ? parameters
                    : mapper.createObjectNode().put("type", "object").set("properties", mapper.createObjectNode()));
            if (function.path("strict").asBoolean(false)) {
                dropped.add("tools[].function.strict");
            }
        }
        toolChoice();
    }

    private void toolChoice() {
        JsonNode choice = in.get("tool_choice");
        ObjectNode out = null;
        if (choice != null && choice.isTextual()) {
            out = mapper.createObjectNode().put("type", switch (choice.asText()) {
                case "auto" -> "auto";
                case "none" -> "none";
                case "required" -> "any";
                default -> throw refused("unknown tool_choice '" + choice.asText() + "'");
            });
        } else if (choice != null && choice.isObject()) {
            if (!"function".equals(choice.path("type").asText()) || choice.at("/function/name").asText().isEmpty()) {
                throw refused("tool_choice must be auto, none, required or a named function");
            }
            out = mapper.createObjectNode().put("type", "tool").put("name", choice.at("/function/name").asText());
        }
        JsonNode parallel = in.get("parallel_tool_calls");
        if (parallel != null && parallel.isBoolean() && !parallel.asBoolean()) {
            if (out == null) {
                out = mapper.createObjectNode().put("type", "auto");
            }
            // Anthropic takes the flag on every choice but none, where no tool is called anyway.
            if (!"none".equals(out.path("type").asText())) {
                out.put("disable_parallel_tool_use", true);
            }
        }
        if (out != null) {
            body.set("tool_choice", out);
        }
    }

    /**
     * A JSON schema becomes Anthropic's structured output format; plain JSON mode has no Anthropic equivalent
     * without a schema, so it is dropped and reported rather than imitated with a prompt.
     */
    private void responseFormat() {
        JsonNode format = in.get("response_format");
        if (format == null || format.isNull()) {
            return;
        }
        switch (format.path("type").asText()) {
            case "text" -> {
            }
            case "json_schema" -> {
                JsonNode schema = format.at("/json_schema/schema");
                if (!schema.isObject()) {
                    throw refused("response_format json_schema needs json_schema.schema");
                }
                body.putObject("output_config").putObject("format").put("type", "json_schema").set("schema", schema);
            }
            default -> dropped.add("response_format");
        }
    }

    /** Unlike OpenAI's own defaults, any false flag counts as empty here: it asks for nothing Anthropic could give. */
    private void dropTheRest() {
        dropped.addAll(DroppedParameters.unhandled(in, TRANSLATED, (name, value) -> value.isBoolean() && !value.asBoolean()));
    }
}
