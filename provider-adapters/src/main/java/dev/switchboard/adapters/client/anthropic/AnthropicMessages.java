package dev.switchboard.adapters.client.anthropic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.contracts.ErrorClass;

/** Turns OpenAI chat messages into Anthropic's top-level system prompt and alternating user and assistant turns. */
final class AnthropicMessages {

    private static final Pattern DATA_URL = Pattern.compile("^data:([^;,]+);base64,(.+)$", Pattern.DOTALL);

    private final ObjectMapper mapper;
    private final Set<String> dropped;
    private final List<String> system = new ArrayList<>();
    private final ArrayNode turns;

    private AnthropicMessages(ObjectMapper mapper, Set<String> dropped) {
        this.mapper = mapper;
        this.dropped = dropped;
        this.turns = mapper.createArrayNode();
    }

    /** The system prompt (null when there is none) and the turns, with what was left out added to {@code dropped}. */
    record Translated(String system, ArrayNode turns) {
    }

    static Translated translate(JsonNode messages, ObjectMapper mapper, Set<String> dropped) {
        if (!messages.isArray()) {
            throw refused("messages must be a list");
        }
        AnthropicMessages translation = new AnthropicMessages(mapper, dropped);
        messages.forEach(translation::add);
        String system = translation.system.isEmpty() ? null : String.join("\n\n", translation.system);
        return new Translated(system, translation.turns);
    }

    private void add(JsonNode message) {
        if (message.hasNonNull("name")) {
            dropped.add("messages[].name");
        }
        String role = message.path("role").asText();
        switch (role) {
            // Anthropic has one system prompt; system messages from anywhere in the conversation are joined into it.
            case "system", "developer" -> addSystem(text(message.get("content"), role));
            case "user" -> append("user", userBlocks(message.get("content")));
            case "assistant" -> append("assistant", assistantBlocks(message));
            case "tool" -> append("user", List.of(toolResult(message)));
            case "function" -> throw refused("function messages (legacy function calling) are not supported; use tools");
            default -> throw refused("unknown message role '" + role + "'");
        }
    }

    private void addSystem(String text) {
        if (!text.isEmpty()) {
            system.add(text);
        }
    }

    /** Adds the blocks as a turn, merged into the previous one when it has the same role, as Anthropic wants. */
    private void append(String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        ArrayNode content;
        if (last != null && role.equals(last.path("role").asText())) {
            content = (ArrayNode) last.get("content");
        } else {
            ObjectNode turn = turns.addObject();
            turn.put("role", role);
            content = turn.putArray("content");
        }
        content.addAll(blocks);
    }

    private List<ObjectNode> userBlocks(JsonNode content) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            addText(blocks, content.asText());
            return blocks;
        }
        if (!content.isArray()) {
            throw refused("user content must be a string or a list of parts");
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> addText(blocks, part.path("text").asText());
                case "image_url" -> blocks.add(image(part.get("image_url")));
                default -> throw refused("user content parts of type '" + type + "' are not supported by anthropic");
            }
        }
        return blocks;
    }

    private ObjectNode image(JsonNode imageUrl) {
        String url = imageUrl == null ? "" : imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText();
        if (imageUrl != null && imageUrl.hasNonNull("detail")) {
            dropped.add("image_url.detail");
        }
        ObjectNode block = mapper.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        Matcher data = DATA_URL.matcher(url);
        if (data.matches()) {
            source.put("type", "base64").put("media_type", data.group(1)).put("data", data.group(2));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url").put("url", url);
        } else {
            throw refused("an image must be a base64 data URL or an http(s) URL");
        }
        return block;
    }

    private List<ObjectNode> assistantBlocks(JsonNode message) {
        if (message.hasNonNull("function_call")) {
            throw refused("function_call (legacy function calling) is not supported; use tool_calls");
        }
        List<ObjectNode> blocks = new ArrayList<>();
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            addText(blocks, content.asText());
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText();
                switch (type) {
                    case "text" -> addText(blocks, part.path("text").asText());
                    case "refusal" -> addText(blocks, part.path("refusal").asText());
                    default -> throw refused("assistant content parts of type '" + type + "' are not supported");
                }
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            ObjectNode block = mapper.createObjectNode()
                    .put("type", "tool_use")
                    .put("id", call.path("id").asText())
                    .put("name", function.path("name").asText());
            block.set("input", arguments(function.get("arguments")));
            blocks.add(block);
        }
        return blocks;
    }

    /** OpenAI sends tool arguments as a JSON string; Anthropic wants the object itself. */
    private JsonNode arguments(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.asText().isBlank()) {
            return mapper.createObjectNode();
        }
        JsonNode input;
        try {
            input = arguments.isObject() ? arguments : mapper.readTree(arguments.asText());
        } catch (IOException e) {
            throw refused("tool call arguments are not valid JSON");
        }
        if (!input.isObject()) {
            throw refused("tool call arguments must be a JSON object");
        }
        return input;
    }

    private ObjectNode toolResult(JsonNode message) {
        String id = message.path("tool_call_id").asText();
        if (id.isEmpty()) {
            throw refused("a tool message needs its tool_call_id");
        }
        ObjectNode block = mapper.createObjectNode().put("type", "tool_result").put("tool_use_id", id);
        JsonNode content = message.get("content");
        if (content != null && content.isArray()) {
            ArrayNode parts = block.putArray("content");
            List<ObjectNode> texts = new ArrayList<>();
            content.forEach(part -> addText(texts, part.path("text").asText()));
            parts.addAll(texts);
        } else if (content != null && !content.isNull()) {
            block.put("content", content.asText());
        }
        return block;
    }

    private static String text(JsonNode content, String role) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw refused(role + " content must be a string or a list of text parts");
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText()));
        return text.toString();
    }

    /** Anthropic rejects empty text blocks, so they are left out. */
    private void addText(List<ObjectNode> blocks, String text) {
        if (!text.isEmpty()) {
            blocks.add(mapper.createObjectNode().put("type", "text").put("text", text));
        }
    }

    static ProviderException refused(String reason) {
        return new ProviderException(ErrorClass.BAD_REQUEST, "anthropic cannot take this request: " + reason);
    }
}
