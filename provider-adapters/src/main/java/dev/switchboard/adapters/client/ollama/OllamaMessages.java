package dev.switchboard.adapters.client.ollama;

import static dev.switchboard.adapters.client.OpenAiMessages.text;
import static dev.switchboard.adapters.client.OpenAiMessages.toolArguments;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.contracts.ErrorClass;

/** Turns OpenAI chat messages into Ollama's: text content, bare base64 images, tool calls with object arguments. */
final class OllamaMessages {

    private final ObjectMapper mapper;

    OllamaMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ArrayNode translate(JsonNode messages) {
        ArrayNode translated = mapper.createArrayNode();
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> translated.addObject().put("role", "system")
                        .put("content", text(message.path("content")));
                case "user" -> translated.add(user(message.path("content")));
                case "assistant" -> translated.add(assistant(message, toolNames));
                case "tool", "function" -> {
                    String id = message.path("tool_call_id").asText("");
                    ObjectNode tool = translated.addObject().put("role", "tool")
                            .put("content", text(message.path("content")));
                    String name = toolNames.getOrDefault(id, message.path("name").asText(""));
                    if (!name.isEmpty()) {
                        tool.put("tool_name", name);
                    }
                    if (!id.isEmpty()) {
                        tool.put("tool_call_id", id);
                    }
                }
                default -> throw refused("unknown message role '" + role + "'");
            }
        }
        return translated;
    }

    private ObjectNode user(JsonNode content) {
        ObjectNode message = mapper.createObjectNode().put("role", "user");
        if (!content.isArray()) {
            return message.put("content", content.asText(""));
        }
        StringBuilder text = new StringBuilder();
        ArrayNode images = mapper.createArrayNode();
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> text.append(text.length() == 0 ? "" : "\n").append(part.path("text").asText(""));
                case "image_url" -> images.add(base64Image(part.path("image_url").path("url").asText("")));
                default -> throw refused("content part type '" + type + "' is not supported by ollama, which takes "
                        + "text and images");
            }
        }
        message.put("content", text.toString());
        if (!images.isEmpty()) {
            message.set("images", images);
        }
        return message;
    }

    /** Ollama takes images as bare base64 and fetches nothing, so only data URLs can be sent. */
    private static String base64Image(String url) {
        if (!url.startsWith("data:")) {
            throw refused("ollama takes images as base64 only; send the image as a data URL instead of " + url);
        }
        int comma = url.indexOf(',');
        if (comma < 0 || !url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw refused("a data URL must have the form data:<type>;base64,<data>");
        }
        return url.substring(comma + 1);
    }

    private ObjectNode assistant(JsonNode message, Map<String, String> toolNames) {
        ObjectNode assistant = mapper.createObjectNode().put("role", "assistant")
                .put("content", text(message.path("content")));
        if (message.path("tool_calls").isEmpty()) {
            return assistant;
        }
        ArrayNode calls = assistant.putArray("tool_calls");
        for (JsonNode call : message.path("tool_calls")) {
            String name = call.path("function").path("name").asText();
            toolNames.put(call.path("id").asText(), name);
            ObjectNode translated = calls.addObject();
            if (call.hasNonNull("id")) {
                translated.put("id", call.get("id").asText());
            }
            ObjectNode function = translated.putObject("function").put("name", name);
            function.set("arguments", toolArguments(mapper, call.path("function").path("arguments").asText("")));
        }
        return assistant;
    }

    static ProviderException refused(String message) {
        return new ProviderException(ErrorClass.BAD_REQUEST, message);
    }
}
