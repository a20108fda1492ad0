package dev.switchboard.adapters.client;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.contracts.TokenCounts;

/** Token counts read from an OpenAI {@code usage} object, which every client produces. */
public record TokenUsage(long input, long output, long cachedInput, long reasoning) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    /** The counts a reply carries to the router. */
    public TokenCounts counts() {
        return new TokenCounts(input, output, cachedInput);
    }

    public static TokenUsage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        return new TokenUsage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong());
    }
}
