package dev.switchboard.adapters.client.ollama;

import static dev.switchboard.adapters.client.OpenAiParameters.copy;
import static dev.switchboard.adapters.client.OpenAiParameters.copyMaxTokens;
import static dev.switchboard.adapters.client.OpenAiParameters.copyStop;
import static dev.switchboard.adapters.client.OpenAiParameters.wantsAudio;
import static dev.switchboard.adapters.client.ollama.OllamaMessages.refused;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.DroppedParameters;
import dev.switchboard.adapters.client.TranslatedRequest;
import dev.switchboard.contracts.CompletionRequest;

/** Builds an Ollama {@code /api/chat} body from an OpenAI chat completion body; see docs/ollama.md. */
final class OllamaRequestTranslator {

    /** OpenAI parameters this translator sends on, one way or another. */
    private static final Set<String> HANDLED = Set.of("model", "messages", "stream", "stream_options", "temperature",
            "top_p", "top_k", "max_tokens", "max_completion_tokens", "stop", "n", "seed", "presence_penalty",
            "frequency_penalty", "response_format", "tools", "tool_choice");

    private final ObjectMapper mapper;
    private final OllamaMessages messages;

    OllamaRequestTranslator(ObjectMapper mapper) {
        this.mapper = mapper;
        this.messages = new OllamaMessages(mapper);
    }

    TranslatedRequest translate(CompletionRequest request, boolean stream) {
        ObjectNode openAi = request.body();
        refuseUnsupported(openAi);
        List<String> dropped = DroppedParameters.unhandled(openAi, HANDLED);
        ObjectNode body = mapper.createObjectNode().put("model", request.model());
        body.set("messages", messages.translate(openAi.path("messages")));
        body.put("stream", stream);
        tools(openAi, body, dropped);
        format(openAi, body);
        ObjectNode options = options(openAi);
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        return new TranslatedRequest(body, dropped);
    }

    private static void refuseUnsupported(ObjectNode openAi) {
        if (openAi.path("n").asInt(1) > 1) {
            throw refused("ollama answers with one choice only; n must be 1");
        }
        if (openAi.hasNonNull("functions") || openAi.hasNonNull("function_call")) {
            throw refused("the legacy functions/function_call parameters are not translated for ollama; use tools");
        }
        if (wantsAudio(openAi)) {
            throw refused("ollama does not produce audio");
        }
    }

    /**
     * Ollama has no tool_choice: "none" is honoured by sending no tools, a named function by sending only that one;
     * "required" and the named function's obligation cannot be, so tool_choice is then reported as dropped.
     */
    private void tools(ObjectNode openAi, ObjectNode body, List<String> dropped) {
        JsonNode choice = openAi.path("tool_choice");
        String forced = "function".equals(choice.path("type").asText())
                ? choice.path("function").path("name").asText()
                : null;
        if (openAi.path("tools").isEmpty() || "none".equals(choice.asText())) {
            return;
        }
        ArrayNode tools = mapper.createArrayNode();
        for (JsonNode tool : openAi.path("tools")) {
            if (!"function".equals(tool.path("type").asText())) {
                throw refused("tool type '" + tool.path("type").asText() + "' is not supported by ollama");
            }
            if (forced != null && !forced.equals(tool.path("function").path("name").asText())) {
                continue;
            }
            ObjectNode copy = tool.deepCopy();
            ObjectNode function = (ObjectNode) copy.get("function");
            function.remove("strict");
            if (!function.path("parameters").isObject()) {
                // Ollama's tool definition requires parameters; a function without any takes an empty object.
                function.putObject("parameters").put("type", "object").putObject("properties");
            }
            tools.add(copy);
        }
        body.set("tools", tools);
        if (forced != null || "required".equals(choice.asText())) {
            dropped.add("tool_choice");
        }
    }

    private static void format(ObjectNode openAi, ObjectNode body) {
        JsonNode format = openAi.path("response_format");
        switch (format.path("type").asText("text")) {
            case "text" -> {
            }
            case "json_object" -> body.put("format", "json");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                if (!schema.isObject()) {
                    throw refused("response_format json_schema needs json_schema.schema");
                }
                body.set("format", schema);
            }
            default -> throw refused("response_format type '" + format.path("type").asText() + "' is not supported");
        }
    }

    private ObjectNode options(ObjectNode openAi) {
        ObjectNode options = mapper.createObjectNode();
        copy(openAi, "temperature", options, "temperature");
        copy(openAi, "top_p", options, "top_p");
        copy(openAi, "top_k", options, "top_k");
        copyMaxTokens(openAi, options, "num_predict");
        copy(openAi, "seed", options, "seed");
        copy(openAi, "presence_penalty", options, "presence_penalty");
        copy(openAi, "frequency_penalty", options, "frequency_penalty");
        copyStop(openAi, options, "stop");
        return options;
    }
}
