package dev.switchboard.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tokens one attempt used, as its provider reported them: input (cached ones included), output, and the cached
 * part of the input.
 */
public record TokenCounts(long input, long output, long cachedInput) {

    /** Reads an OpenAI {@code usage} object ({@code prompt_tokens}, {@code completion_tokens}, cached details). */
    public static TokenCounts ofOpenAi(JsonNode usage) {
        return new TokenCounts(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong());
    }
}
