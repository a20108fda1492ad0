package dev.switchboard.adapters.client.gemini;

import static dev.switchboard.adapters.client.OpenAiParameters.copy;
import static dev.switchboard.adapters.client.OpenAiParameters.copyMaxTokens;
import static dev.switchboard.adapters.client.OpenAiParameters.copyStop;
import static dev.switchboard.adapters.client.OpenAiParameters.wantsAudio;
import static dev.switchboard.adapters.client.gemini.GeminiMedia.refused;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.DroppedParameters;
import dev.switchboard.adapters.client.TranslatedRequest;
import dev.switchboard.contracts.CompletionRequest;

/** Builds a Gemini {@code GenerateContentRequest} from an OpenAI chat completion body; see docs/gemini.md. */
final class GeminiRequestTranslator {

    /** OpenAI parameters this translator sends on, one way or another. */
    private static final Set<String> HANDLED = Set.of("model", "messages", "stream", "stream_options", "temperature",
            "top_p", "top_k", "max_tokens", "max_completion_tokens", "stop", "n", "seed", "presence_penalty",
            "frequency_penalty", "response_format", "tools", "tool_choice");

    private final ObjectMapper mapper;
    private final GeminiMessages messages;

    GeminiRequestTranslator(ObjectMapper mapper) {
        this.mapper = mapper;
        this.messages = new GeminiMessages(mapper);
    }

    TranslatedRequest translate(CompletionRequest request) {
        ObjectNode openAi = request.body();
        refuseUnsupported(openAi);
        ObjectNode body = mapper.createObjectNode();
        GeminiMessages.Conversation conversation = messages.translate(openAi.path("messages"));
        body.set("contents", conversation.contents());
        if (conversation.systemInstruction() != null) {
            body.set("systemInstruction", conversation.systemInstruction());
        }
        tools(openAi, body);
        ObjectNode config = generationConfig(openAi);
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        return new TranslatedRequest(body, DroppedParameters.unhandled(openAi, HANDLED));
    }

    private static void refuseUnsupported(ObjectNode openAi) {
        if (openAi.hasNonNull("functions") || openAi.hasNonNull("function_call")) {
            throw refused("the legacy functions/function_call parameters are not translated for gemini; use tools");
        }
        if (wantsAudio(openAi)) {
            throw refused("audio output is not available from gemini through the chat completions API");
        }
    }

    private void tools(ObjectNode openAi, ObjectNode body) {
        ArrayNode declarations = mapper.createArrayNode();
        for (JsonNode tool : openAi.path("tools")) {
            if (!"function".equals(tool.path("type").asText())) {
                throw refused("tool type '" + tool.path("type").asText() + "' is not supported by gemini");
            }
            JsonNode function = tool.path("function");
            ObjectNode declaration = declarations.addObject().put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                declaration.put("description", function.path("description").asText());
            }
            if (function.path("parameters").isObject()) {
                declaration.set("parametersJsonSchema", function.get("parameters"));
            }
        }
        if (declarations.isEmpty()) {
            return;
        }
        body.putArray("tools").addObject().set("functionDeclarations", declarations);
        JsonNode choice = openAi.path("tool_choice");
        if (choice.isMissingNode() || choice.isNull()) {
            return;
        }
        ObjectNode calling = body.putObject("toolConfig").putObject("functionCallingConfig");
        if (choice.isTextual()) {
            calling.put("mode", switch (choice.asText()) {
                case "auto" -> "AUTO";
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> throw refused("tool_choice '" + choice.asText() + "' is not supported by gemini");
            });
        } else if ("function".equals(choice.path("type").asText())) {
            calling.put("mode", "ANY").putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
        } else {
            throw refused("tool_choice of type '" + choice.path("type").asText() + "' is not supported by gemini");
        }
    }

    private ObjectNode generationConfig(ObjectNode openAi) {
        ObjectNode config = mapper.createObjectNode();
        copy(openAi, "temperature", config, "temperature");
        copy(openAi, "top_p", config, "topP");
        copy(openAi, "top_k", config, "topK");
        copyMaxTokens(openAi, config, "maxOutputTokens");
        copy(openAi, "n", config, "candidateCount");
        copy(openAi, "seed", config, "seed");
        copy(openAi, "presence_penalty", config, "presencePenalty");
        copy(openAi, "frequency_penalty", config, "frequencyPenalty");
        copyStop(openAi, config, "stopSequences");
        JsonNode format = openAi.path("response_format");
        switch (format.path("type").asText("text")) {
            case "text" -> {
            }
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                if (!schema.isObject()) {
                    throw refused("response_format json_schema needs json_schema.schema");
                }
                config.put("responseMimeType", "application/json");
                // responseJsonSchema takes JSON Schema as OpenAI clients write it; responseSchema takes an OpenAPI subset.
                config.set("responseJsonSchema", schema);
            }
            default -> throw refused("response_format type '" + format.path("type").asText() + "' is not supported");
        }
        return config;
    }
}
