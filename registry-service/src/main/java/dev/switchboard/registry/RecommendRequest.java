package dev.switchboard.registry;

import java.math.BigDecimal;
import java.util.List;

/**
 * What {@code POST /models/recommend} is asked. Every field is optional. {@code maxCost} is USD per million tokens,
 * blended 3:1 like {@code GET /models}; the expected token counts default to 1000 in and 500 out; {@code providers}
 * narrows the models considered and {@code limit} (default 10) the length of the answer.
 */
public record RecommendRequest(
        List<String> capabilities,
        BigDecimal maxCost,
        Long maxLatencyMs,
        String minQuality,
        Integer minContextWindow,
        Boolean preferOpenWeights,
        Boolean preferLocal,
        String task,
        Long expectedInputTokens,
        Long expectedOutputTokens,
        List<String> providers,
        Integer limit) {
}
