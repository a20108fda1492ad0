package dev.switchboard.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The registry's fixed words: capabilities, tiers, provider kinds, and the tasks it maps onto capabilities. */
public final class Vocabulary {

    public static final List<String> CAPABILITIES = List.of("text", "vision", "audio", "function-calling", "json-mode",
            "streaming", "embeddings", "reasoning", "code");
    public static final List<String> LATENCY_TIERS = List.of("fast", "medium", "slow");
    /** In rising order, so the index is the rank. */
    public static final List<String> QUALITY_TIERS = List.of("basic", "good", "high", "highest");
    public static final List<String> PROVIDER_KINDS = List.of("local", "cloud");

    /** What a latency tier stands for when telemetry has measured nothing: a typical whole-response time. */
    private static final Map<String, Long> NOMINAL_LATENCY_MS = Map.of("fast", 1_000L, "medium", 3_000L, "slow", 8_000L);

    private static final Map<String, String> TASK_CAPABILITIES = Map.ofEntries(
            Map.entry("code", "code"), Map.entry("coding", "code"), Map.entry("programming", "code"),
            Map.entry("reasoning", "reasoning"), Map.entry("math", "reasoning"), Map.entry("analysis", "reasoning"),
            Map.entry("planning", "reasoning"),
            Map.entry("vision", "vision"), Map.entry("image", "vision"), Map.entry("images", "vision"),
            Map.entry("ocr", "vision"),
            Map.entry("audio", "audio"), Map.entry("speech", "audio"), Map.entry("transcription", "audio"),
            Map.entry("embedding", "embeddings"), Map.entry("embeddings", "embeddings"), Map.entry("retrieval", "embeddings"),
            Map.entry("extraction", "json-mode"), Map.entry("json", "json-mode"), Map.entry("structured", "json-mode"),
            Map.entry("agent", "function-calling"), Map.entry("agents", "function-calling"),
            Map.entry("tools", "function-calling"), Map.entry("function-calling", "function-calling"),
            Map.entry("chat", "text"), Map.entry("summarization", "text"), Map.entry("summarize", "text"),
            Map.entry("translation", "text"), Map.entry("writing", "text"));

    private Vocabulary() {
    }

    /** The tier's rank; -1 for an unknown one. */
    public static int qualityRank(String tier) {
        return tier == null ? -1 : QUALITY_TIERS.indexOf(tier);
    }

    /** An unknown tier counts as slow: nothing says the model is quicker. */
    public static long nominalLatencyMs(String latencyTier) {
        return latencyTier == null ? NOMINAL_LATENCY_MS.get("slow")
                : NOMINAL_LATENCY_MS.getOrDefault(latencyTier, NOMINAL_LATENCY_MS.get("slow"));
    }

    /** The capability a free-text task asks for: the whole text first, then its first word that names one. */
    public static Optional<String> capabilityForTask(String task) {
        if (task == null || task.isBlank()) {
            return Optional.empty();
        }
        String text = task.trim().toLowerCase(Locale.ROOT);
        if (TASK_CAPABILITIES.containsKey(text)) {
            return Optional.of(TASK_CAPABILITIES.get(text));
        }
        for (String word : text.split("[^a-z-]+")) {
            if (TASK_CAPABILITIES.containsKey(word)) {
                return Optional.of(TASK_CAPABILITIES.get(word));
            }
        }
        return Optional.empty();
    }
}
