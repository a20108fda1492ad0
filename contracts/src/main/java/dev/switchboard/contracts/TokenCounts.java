package dev.switchboard.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tokens one attempt used, as its provider reported them, nested as {@link UsageEvent} carries them: {@code input}
 * includes {@code cachedInput} and {@code cacheWrite}, {@code cacheWrite} includes {@code cacheWrite1h}, and
 * {@code output} includes {@code reasoning}. A reader meets a kind an older writer left out as zero.
 */
public record TokenCounts(long input, long output, long cachedInput, long reasoning, long cacheWrite, long cacheWrite1h) {

    /** Input (cached ones included), output, and the cached part of the input; no other kind counted. */
    public TokenCounts(long input, long output, long cachedInput) {
        this(input, output, cachedInput, 0, 0, 0);
    }

    /**
     * Reads an OpenAI {@code usage} object: {@code prompt_tokens}, {@code completion_tokens},
     * {@code prompt_tokens_details.cached_tokens} (DeepSeek's {@code prompt_cache_hit_tokens} where it is absent),
     * {@code .cache_write_tokens}, {@code .cache_write_1h_tokens} and
     * {@code completion_tokens_details.reasoning_tokens}.
     */
    public static TokenCounts ofOpenAi(JsonNode usage) {
        JsonNode prompt = usage.path("prompt_tokens_details");
        JsonNode cached = prompt.path("cached_tokens");
        return new TokenCounts(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                cached.isNumber() ? cached.asLong() : usage.path("prompt_cache_hit_tokens").asLong(),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(),
                prompt.path("cache_write_tokens").asLong(), prompt.path("cache_write_1h_tokens").asLong());
    }

    public static TokenCounts of(UsageEvent event) {
        return new TokenCounts(event.inputTokens(), event.outputTokens(), event.cachedInputTokens(), event.reasoningTokens(),
                event.cacheWriteTokens(), event.cacheWrite1hTokens());
    }
}
