package dev.switchboard.registry.service.sync;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.registry.ModelFacts;

/**
 * The model price map LiteLLM publishes ({@code model_prices_and_context_window.json}): one object per model name with
 * {@code litellm_provider}, {@code mode}, {@code max_input_tokens}, {@code max_output_tokens}, prices in USD per token
 * as numbers ({@code input_cost_per_token}, {@code output_cost_per_token}, {@code cache_read_input_token_cost},
 * {@code cache_creation_input_token_cost}, {@code cache_creation_input_token_cost_above_1hr},
 * {@code output_cost_per_reasoning_token}) and {@code supports_*} flags, an absent flag meaning no, as LiteLLM reads it.
 * Names carry the provider as a prefix ({@code gemini/gemini-2.5-flash}) except for OpenAI's and Anthropic's own
 * models. Entries of providers Switchboard does not speak, and of modes other than chat and embedding, are not for it.
 */
final class LiteLlmFormat {

    static final String NAME = "litellm";
    /** The entry LiteLLM keeps at the top of the file to document the fields. */
    static final String SAMPLE_SPEC = "sample_spec";

    /** LiteLLM's provider names of the providers Switchboard speaks. */
    private static final Map<String, String> PROVIDERS = Map.of(
            "openai", "openai", "azure", "azure-openai", "anthropic", "anthropic", "gemini", "gemini", "groq", "groq",
            "mistral", "mistral", "deepseek", "deepseek", "openrouter", "openrouter", "ollama", "ollama",
            "together_ai", "together");

    private LiteLlmFormat() {
    }

    /** Whether an object reads as a LiteLLM entry at all. */
    static boolean looksLikeEntry(JsonNode value) {
        return value.isObject() && (value.has("litellm_provider") || value.has("input_cost_per_token")
                || value.has("max_input_tokens") || value.has("mode"));
    }

    /** The entry mapped onto Switchboard, or null when it is not for Switchboard. */
    static SyncedEntry entry(String key, JsonNode model) {
        if (!model.path("litellm_provider").isTextual()) {
            throw new BadEntry("no litellm_provider");
        }
        String litellmProvider = model.path("litellm_provider").asText();
        String provider = PROVIDERS.get(litellmProvider);
        String mode = model.path("mode").asText("chat");
        if (provider == null || !"chat".equals(mode) && !"embedding".equals(mode)) {
            return null;
        }
        String modelId = EntryValues.modelId(key.startsWith(litellmProvider + "/")
                ? key.substring(litellmProvider.length() + 1)
                : key);
        Integer window = EntryValues.tokens(model.get("max_input_tokens"), "max_input_tokens");
        Integer output = EntryValues.tokens(model.get("max_output_tokens"), "max_output_tokens");
        ModelFacts facts = new ModelFacts(null, null, window,
                window != null && output != null && output > window ? null : output, capabilities(mode, model), true,
                null);
        return new SyncedEntry(provider, modelId, key, facts, price(model));
    }

    private static List<String> capabilities(String mode, JsonNode model) {
        if ("embedding".equals(mode)) {
            return List.of("embeddings");
        }
        List<String> capabilities = new ArrayList<>(List.of("text", "streaming"));
        flag(model, "supports_vision", "vision", capabilities);
        flag(model, "supports_audio_input", "audio", capabilities);
        flag(model, "supports_function_calling", "function-calling", capabilities);
        flag(model, "supports_response_schema", "json-mode", capabilities);
        flag(model, "supports_reasoning", "reasoning", capabilities);
        return List.copyOf(capabilities);
    }

    private static void flag(JsonNode model, String field, String capability, List<String> capabilities) {
        JsonNode value = model.get(field);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw new BadEntry(field + " " + EntryValues.abbreviate(value.toString()) + " is not true or false");
        }
        if (value != null && value.asBoolean()) {
            capabilities.add(capability);
        }
    }

    private static SyncedPrice price(JsonNode model) {
        BigDecimal input = EntryValues.perMillion(model.get("input_cost_per_token"), "input_cost_per_token");
        BigDecimal output = EntryValues.perMillion(model.get("output_cost_per_token"), "output_cost_per_token");
        BigDecimal cacheRead = EntryValues.perMillion(model.get("cache_read_input_token_cost"),
                "cache_read_input_token_cost");
        BigDecimal cacheWrite = EntryValues.perMillion(model.get("cache_creation_input_token_cost"),
                "cache_creation_input_token_cost");
        BigDecimal cacheWriteHour = EntryValues.perMillion(model.get("cache_creation_input_token_cost_above_1hr"),
                "cache_creation_input_token_cost_above_1hr");
        BigDecimal reasoning = EntryValues.perMillion(model.get("output_cost_per_reasoning_token"),
                "output_cost_per_reasoning_token");
        if (input == null || output == null) {
            return null;
        }
        return new SyncedPrice(input, output, EntryValues.optional(cacheRead, input),
                EntryValues.optional(cacheWrite, input), EntryValues.optional(cacheWriteHour, input),
                EntryValues.optional(reasoning, input));
    }
}
