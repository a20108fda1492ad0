package dev.switchboard.adapters.client;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.contracts.TokenCounts;

/**
 * Token counts read from an OpenAI {@code usage} object, which every client produces, or from Anthropic's, where a
 * provider answers natively.
 */
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

    /**
     * From an Anthropic {@code usage}, where cache reads and writes are counted apart from {@code input_tokens}: input
     * here includes both, as OpenAI's does. Thinking is part of {@code output_tokens} and not counted apart.
     */
    public static TokenUsage ofAnthropic(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        long cacheRead = usage.path("cache_read_input_tokens").asLong();
        long input = usage.path("input_tokens").asLong() + cacheRead + usage.path("cache_creation_input_tokens").asLong();
        return new TokenUsage(input, usage.path("output_tokens").asLong(), cacheRead, 0);
    }
}
