package dev.switchboard.adapters.client.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.contracts.ErrorClass;

/** Turns an Anthropic message into an OpenAI {@code chat.completion}; also the stop reason and usage rules streams share. */
final class AnthropicResponse {

    private AnthropicResponse() {
    }

    static ObjectNode completion(JsonNode message, ObjectMapper mapper, int status) {
        if (!message.isObject() || !message.path("content").isArray()) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, status, "anthropic answered without content", null);
        }
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = mapper.createArrayNode();
        for (JsonNode block : message.get("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> toolCalls.add(toolCall(block, mapper));
                default -> {
                    // Thinking and server tool blocks have no OpenAI counterpart; only requested features are mapped.
                }
            }
        }
        ObjectNode completion = ChatCompletions.envelope(mapper, message.path("id").asText(),
                message.path("model").asText(), ChatCompletions.COMPLETION, ChatCompletions.now());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode reply = choice.putObject("message").put("role", "assistant");
        if (text.length() == 0) {
            reply.putNull("content");
        } else {
            reply.put("content", text.toString());
        }
        if (!toolCalls.isEmpty()) {
            reply.set("tool_calls", toolCalls);
        }
        choice.put("finish_reason", finishReason(message.path("stop_reason").asText(null)));
        completion.set("usage", usage(message.path("usage"), mapper));
        return completion;
    }

    private static ObjectNode toolCall(JsonNode block, ObjectMapper mapper) {
        ObjectNode call = mapper.createObjectNode()
                .put("id", block.path("id").asText())
                .put("type", "function");
        JsonNode input = block.get("input");
        call.putObject("function")
                .put("name", block.path("name").asText())
                .put("arguments", input == null || input.isNull() ? "{}" : input.toString());
        return call;
    }

    /** OpenAI's finish_reason for an Anthropic stop_reason. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            // end_turn, stop_sequence, and pause_turn (server tools only, which are never requested).
            default -> "stop";
        };
    }

    /**
     * OpenAI usage from Anthropic's, where cache reads and writes are counted apart from input_tokens: prompt tokens are
     * all three, as OpenAI counts them. Cache writes go where OpenRouter puts them ({@code cache_write_tokens}), with
     * the 1-hour part of {@code cache_creation} beside them, since it costs more than the 5-minute one. Thinking tokens
     * are in output_tokens and not reported apart, so there are no reasoning tokens to name.
     */
    static ObjectNode usage(JsonNode usage, ObjectMapper mapper) {
        long cacheRead = usage.path("cache_read_input_tokens").asLong();
        long cacheWrite = usage.path("cache_creation_input_tokens").asLong();
        long prompt = usage.path("input_tokens").asLong() + cacheRead + cacheWrite;
        long completion = usage.path("output_tokens").asLong();
        ObjectNode out = mapper.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        out.putObject("prompt_tokens_details")
                .put("cached_tokens", cacheRead)
                .put("cache_write_tokens", cacheWrite)
                .put("cache_write_1h_tokens", usage.path("cache_creation").path("ephemeral_1h_input_tokens").asLong());
        return out;
    }
}
