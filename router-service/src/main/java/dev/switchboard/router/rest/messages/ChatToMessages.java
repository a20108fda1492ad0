package dev.switchboard.router.rest.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.TokenCounts;

/**
 * Writes a {@code chat.completion} as an Anthropic {@code message}: reasoning as a thinking block signed as another
 * provider's ({@link MessagesBlocks#foreignSignature}), text, tool calls as {@code tool_use} blocks, the finish reason
 * as a stop reason and the usage in Anthropic's counts.
 */
final class ChatToMessages {

    private ChatToMessages() {
    }

    static ObjectNode message(ObjectNode completion, String id, String model, String provider, ObjectMapper mapper) {
        ObjectNode message = mapper.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model);
        var content = message.putArray("content");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode said = choice.path("message");
        String reasoning = reasoning(said);
        if (!reasoning.isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", reasoning)
                    .put("signature", MessagesBlocks.foreignSignature(provider));
        }
        if (said.path("content").isTextual() && !said.path("content").asText().isEmpty()) {
            content.addObject().put("type", "text").put("text", said.path("content").asText());
        }
        for (JsonNode call : said.path("tool_calls")) {
            content.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText())
                    .set("input", arguments(call.path("function").path("arguments").asText(), mapper));
        }
        message.put("stop_reason", stopReason(choice.path("finish_reason").asText(null)));
        message.putNull("stop_sequence");
        message.set("usage", usage(completion.path("usage"), mapper));
        return message;
    }

    /** The reasoning a chat message carries, under the name its provider gives it; empty when none. */
    static String reasoning(JsonNode messageOrDelta) {
        JsonNode reasoning = messageOrDelta.get("reasoning_content");
        if (reasoning == null || !reasoning.isTextual()) {
            reasoning = messageOrDelta.get("reasoning");
        }
        return reasoning != null && reasoning.isTextual() ? reasoning.asText() : "";
    }

    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /**
     * Anthropic counts cache reads and writes apart from {@code input_tokens}; chat counts them inside its prompt
     * tokens, and the 1-hour writes inside the writes.
     */
    static ObjectNode usage(JsonNode chatUsage, ObjectMapper mapper) {
        TokenCounts tokens = TokenCounts.ofOpenAi(chatUsage);
        long input = Math.max(0, tokens.input());
        long cached = Math.max(0, Math.min(tokens.cachedInput(), input));
        long written = Math.max(0, Math.min(tokens.cacheWrite(), input - cached));
        long written1h = Math.max(0, Math.min(tokens.cacheWrite1h(), written));
        ObjectNode usage = mapper.createObjectNode()
                .put("input_tokens", input - cached - written)
                .put("cache_creation_input_tokens", written)
                .put("cache_read_input_tokens", cached)
                .put("output_tokens", tokens.output());
        if (written > 0) {
            usage.putObject("cache_creation")
                    .put("ephemeral_5m_input_tokens", written - written1h)
                    .put("ephemeral_1h_input_tokens", written1h);
        }
        return usage;
    }

    /** A tool call's arguments, a JSON text in chat, as the object Anthropic's {@code input} is. */
    static JsonNode arguments(String text, ObjectMapper mapper) {
        if (text == null || text.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode input = mapper.readTree(text);
            return input != null && input.isObject() ? input : mapper.createObjectNode().set("value", input);
        } catch (java.io.IOException unreadable) {
            // A model that wrote broken JSON: the caller still sees what it wrote.
            return mapper.createObjectNode().put("arguments", text);
        }
    }
}
