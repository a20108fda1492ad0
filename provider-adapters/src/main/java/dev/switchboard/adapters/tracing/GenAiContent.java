package dev.switchboard.adapters.tracing;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Prompt and answer as the GenAI conventions' {@code gen_ai.input.messages} and {@code gen_ai.output.messages}: JSON
 * arrays of {@code {role, parts: [{type, content}]}}, text parts carried, other parts named by type only. Made only
 * when content capture is switched on.
 */
final class GenAiContent {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final StringBuilder streamed = new StringBuilder();

    String input(JsonNode body) {
        ArrayNode messages = JSON.arrayNode();
        if (body == null) {
            return messages.toString();
        }
        if (body.path("system").isTextual()) {
            messages.add(message("system", body.get("system")));
        }
        JsonNode given = body.has("messages") ? body.get("messages") : body.get("input");
        if (given != null && given.isTextual()) {
            messages.add(message("user", given));
        } else if (given != null) {
            for (JsonNode message : given) {
                messages.add(message(message.path("role").asText("user"), message.get("content")));
            }
        }
        return messages.toString();
    }

    String output(JsonNode answer) {
        ArrayNode messages = JSON.arrayNode();
        for (JsonNode choice : answer.path("choices")) {
            ObjectNode message = message("assistant", choice.path("message").get("content"));
            message.put("finish_reason", choice.path("finish_reason").asText(null));
            messages.add(message);
        }
        return messages.toString();
    }

    void delta(JsonNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("delta").path("content").isTextual()) {
                streamed.append(choice.get("delta").get("content").asText());
            }
        }
    }

    String streamedOutput(Set<String> finishReasons) {
        ObjectNode message = message("assistant", JSON.textNode(streamed.toString()));
        message.put("finish_reason", finishReasons.isEmpty() ? null : finishReasons.iterator().next());
        return JSON.arrayNode().add(message).toString();
    }

    private static ObjectNode message(String role, JsonNode content) {
        ObjectNode message = JSON.objectNode().put("role", role);
        ArrayNode parts = message.putArray("parts");
        if (content == null || content.isNull()) {
            return message;
        }
        if (content.isTextual()) {
            parts.addObject().put("type", "text").put("content", content.asText());
            return message;
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText("unknown");
            if (part.path("text").isTextual()) {
                parts.addObject().put("type", "text").put("content", part.get("text").asText());
            } else {
                parts.addObject().put("type", type);
            }
        }
        return message;
    }
}
