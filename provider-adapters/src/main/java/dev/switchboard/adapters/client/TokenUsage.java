package dev.switchboard.adapters.client;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.contracts.TokenCounts;

/**
 * Token counts read from an OpenAI {@code usage} object, which every client produces, or from Anthropic's, where a
 * provider answers natively. {@code input} includes the cached and cache-write tokens, {@code output} the reasoning
 * tokens, and {@code cacheWrite} the 1-hour writes ({@code cacheWrite1h}), as OpenAI reports its counts: each detail is
 * a part of its total, never an addition to it.
 */
public record TokenUsage(long input, long output, long cachedInput, long reasoning, long cacheWrite, long cacheWrite1h) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0, 0);

    /** The counts a reply carries to the router. */
    public TokenCounts counts() {
        return new TokenCounts(input, output, cachedInput, reasoning, cacheWrite, cacheWrite1h);
    }

    /**
     * Reads {@code prompt_tokens_details.cached_tokens} (DeepSeek's {@code prompt_cache_hit_tokens} where it is absent),
     * {@code prompt_tokens_details.cache_write_tokens} (OpenRouter's name, which the Anthropic client writes too) with
     * its 1-hour part {@code cache_write_1h_tokens}, and {@code completion_tokens_details.reasoning_tokens}.
     */
    public static TokenUsage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        JsonNode prompt = usage.path("prompt_tokens_details");
        JsonNode cached = prompt.path("cached_tokens");
        return new TokenUsage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                cached.isNumber() ? cached.asLong() : usage.path("prompt_cache_hit_tokens").asLong(),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(),
                prompt.path("cache_write_tokens").asLong(), prompt.path("cache_write_1h_tokens").asLong());
    }

    /**
     * From an Anthropic {@code usage}, where cache reads and writes are counted apart from {@code input_tokens}: input
     * here includes both, as OpenAI's does, and the writes' 1-hour part comes from {@code cache_creation}. Thinking is
     * part of {@code output_tokens} and not counted apart.
     */
    public static TokenUsage ofAnthropic(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        long cacheRead = usage.path("cache_read_input_tokens").asLong();
        long cacheWrite = usage.path("cache_creation_input_tokens").asLong();
        long input = usage.path("input_tokens").asLong() + cacheRead + cacheWrite;
        return new TokenUsage(input, usage.path("output_tokens").asLong(), cacheRead, 0, cacheWrite,
                usage.path("cache_creation").path("ephemeral_1h_input_tokens").asLong());
    }

    /**
     * From an OpenAI Responses {@code usage}: {@code input_tokens} with {@code input_tokens_details.cached_tokens},
     * {@code output_tokens} with {@code output_tokens_details.reasoning_tokens}, each detail a part of its total.
     */
    public static TokenUsage ofResponses(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        return new TokenUsage(usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                usage.path("input_tokens_details").path("cached_tokens").asLong(),
                usage.path("output_tokens_details").path("reasoning_tokens").asLong(), 0, 0);
    }
}
