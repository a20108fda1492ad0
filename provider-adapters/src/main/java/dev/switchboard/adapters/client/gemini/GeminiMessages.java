package dev.switchboard.adapters.client.gemini;

import static dev.switchboard.adapters.client.OpenAiMessages.text;
import static dev.switchboard.adapters.client.OpenAiMessages.toolArguments;
import static dev.switchboard.adapters.client.gemini.GeminiMedia.refused;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns OpenAI chat messages into Gemini {@code contents} and a {@code systemInstruction}. */
final class GeminiMessages {

    /**
     * The value Gemini documents for a function call whose thought signature was lost (a client that does not keep
     * {@code extra_content}, or a history from another model); Gemini 3 refuses a current-turn call without one.
     */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private final ObjectMapper mapper;
    private final GeminiMedia media;

    GeminiMessages(ObjectMapper mapper) {
        this.mapper = mapper;
        this.media = new GeminiMedia(mapper);
    }

    /** Contents and system instruction (null when there is none). */
    record Conversation(ArrayNode contents, ObjectNode systemInstruction) {
    }

    Conversation translate(JsonNode messages) {
        ArrayNode contents = mapper.createArrayNode();
        ArrayNode system = mapper.createArrayNode();
        Map<String, String> functionNames = new HashMap<>();
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> addText(system, text(message.path("content")));
                case "user" -> append(contents, "user", userParts(message.path("content")));
                case "assistant" -> append(contents, "model", modelParts(message, functionNames));
                case "tool", "function" -> append(contents, "user", functionResponse(message, functionNames));
                default -> throw refused("unknown message role '" + role + "'");
            }
        }
        ObjectNode instruction = null;
        if (!system.isEmpty()) {
            instruction = mapper.createObjectNode();
            instruction.set("parts", system);
        }
        return new Conversation(contents, instruction);
    }

    private ArrayNode userParts(JsonNode content) {
        ArrayNode parts = mapper.createArrayNode();
        if (!content.isArray()) {
            addText(parts, content.asText(""));
            return parts;
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> addText(parts, part.path("text").asText(""));
                case "image_url" -> parts.add(media.image(part.path("image_url").path("url").asText("")));
                case "input_audio" -> parts.add(media.inline("audio/" + part.path("input_audio").path("format").asText(),
                        part.path("input_audio").path("data").asText("")));
                case "file" -> parts.add(file(part.path("file")));
                default -> throw refused("content part type '" + type + "' is not supported by gemini");
            }
        }
        return parts;
    }

    private ObjectNode file(JsonNode file) {
        if (!file.path("file_data").isTextual()) {
            throw refused("gemini cannot read OpenAI file ids; send the file as file_data (a data URL)");
        }
        return media.inline(file.path("file_data").asText());
    }

    private ArrayNode modelParts(JsonNode message, Map<String, String> functionNames) {
        ArrayNode parts = mapper.createArrayNode();
        addText(parts, text(message.path("content")));
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            String name = call.path("function").path("name").asText();
            functionNames.put(call.path("id").asText(), name);
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall").put("name", name);
            functionCall.set("args", toolArguments(mapper, call.path("function").path("arguments").asText("")));
            String signature = call.path("extra_content").path("google").path("thought_signature").asText("");
            if (!signature.isEmpty()) {
                part.put("thoughtSignature", signature);
            } else if (index == 0) {
                // Gemini signs only the first call of a step, so only the first needs the stand-in.
                part.put("thoughtSignature", SKIP_SIGNATURE);
            }
            index++;
        }
        return parts;
    }

    private ArrayNode functionResponse(JsonNode message, Map<String, String> functionNames) {
        String name = functionNames.getOrDefault(message.path("tool_call_id").asText(), message.path("name").asText(""));
        if (name.isEmpty()) {
            throw refused("tool message refers to tool_call_id '" + message.path("tool_call_id").asText()
                    + "', which no earlier assistant message called; gemini needs the function's name");
        }
        ArrayNode parts = mapper.createArrayNode();
        ObjectNode response = parts.addObject().putObject("functionResponse").put("name", name);
        response.set("response", result(text(message.path("content"))));
        return parts;
    }

    /** Gemini takes a function's result as an object: a JSON object as is, anything else under {@code output}. */
    private JsonNode result(String content) {
        try {
            JsonNode parsed = mapper.readTree(content);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // Plain text: wrapped below.
        }
        return mapper.createObjectNode().put("output", content);
    }

    /** Adds the parts to the last content when it has the same role: Gemini expects the roles to alternate. */
    private void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject().put("role", role);
        content.set("parts", parts);
    }

    /** Gemini refuses empty text parts, so they are left out. */
    private static void addText(ArrayNode parts, String text) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }
}
