package dev.switchboard.adapters.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.TokenUsage;

/**
 * The tokens of an Anthropic event stream passed through as it is: {@code message_start} carries the input counts, and
 * each {@code message_delta} the counts so far, which replace the earlier ones field by field.
 */
final class MessagesUsage {

    private MessagesUsage() {
    }

    static void count(ObjectNode event, StreamTally tally) {
        JsonNode usage = switch (event.path("type").asText()) {
            case "message_start" -> event.path("message").path("usage");
            case "message_delta" -> event.path("usage");
            default -> null;
        };
        if (usage == null || !usage.isObject()) {
            return;
        }
        TokenUsage before = tally.reported();
        TokenUsage now = TokenUsage.ofAnthropic(usage);
        boolean hasInput = usage.has("input_tokens") || usage.has("cache_read_input_tokens")
                || usage.has("cache_creation_input_tokens");
        tally.reported(new TokenUsage(hasInput ? now.input() : before.input(),
                usage.has("output_tokens") ? now.output() : before.output(),
                usage.has("cache_read_input_tokens") ? now.cachedInput() : before.cachedInput(), 0,
                usage.has("cache_creation_input_tokens") ? now.cacheWrite() : before.cacheWrite(),
                usage.has("cache_creation") ? now.cacheWrite1h() : before.cacheWrite1h()));
    }
}
