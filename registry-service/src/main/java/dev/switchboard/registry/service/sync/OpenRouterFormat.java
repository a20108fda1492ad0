package dev.switchboard.registry.service.sync;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.registry.ModelFacts;
import dev.switchboard.registry.service.Capabilities;

/**
 * OpenRouter's model list ({@code GET /api/v1/models}): {@code {"data": [...]}}, each model with {@code id},
 * {@code name}, {@code context_length}, {@code top_provider.max_completion_tokens}, {@code architecture.input_modalities},
 * {@code supported_parameters} and {@code pricing} in USD per token, written as strings ({@code prompt},
 * {@code completion}, {@code input_cache_read}, {@code input_cache_write}, {@code internal_reasoning}). Every model
 * it lists is one Switchboard reaches through its {@code openrouter} provider, under the same id.
 */
final class OpenRouterFormat {

    static final String NAME = "openrouter";
    private static final String PROVIDER = "openrouter";
    private static final int MAX_DISPLAY_NAME = 256;

    private OpenRouterFormat() {
    }

    static SyncedEntry entry(JsonNode model) {
        if (!model.isObject()) {
            throw new BadEntry("not an object");
        }
        String id = EntryValues.modelId(model.path("id").isTextual() ? model.path("id").asText() : null);
        Integer window = EntryValues.tokens(model.get("context_length"), "context_length");
        Integer output = EntryValues.tokens(model.path("top_provider").get("max_completion_tokens"),
                "top_provider.max_completion_tokens");
        List<String> parameters = strings(model.get("supported_parameters"));
        ModelFacts facts = new ModelFacts(text(model.get("name")), null, window,
                window != null && output != null && output > window ? null : output,
                Capabilities.of(strings(model.path("architecture").get("input_modalities")), parameters),
                parameters != null, null);
        return new SyncedEntry(PROVIDER, id, id, facts, price(model.path("pricing")));
    }

    private static SyncedPrice price(JsonNode pricing) {
        BigDecimal input = EntryValues.perMillion(pricing.get("prompt"), "pricing.prompt");
        BigDecimal output = EntryValues.perMillion(pricing.get("completion"), "pricing.completion");
        BigDecimal cacheRead = EntryValues.perMillion(pricing.get("input_cache_read"), "pricing.input_cache_read");
        BigDecimal cacheWrite = EntryValues.perMillion(pricing.get("input_cache_write"), "pricing.input_cache_write");
        BigDecimal reasoning = EntryValues.perMillion(pricing.get("internal_reasoning"), "pricing.internal_reasoning");
        if (input == null || output == null) {
            return null;
        }
        // OpenRouter's cache write is Anthropic's five-minute write; it states no one-hour price.
        return new SyncedPrice(input, output, EntryValues.optional(cacheRead, input),
                EntryValues.optional(cacheWrite, input), null, EntryValues.optional(reasoning, input));
    }

    static List<String> strings(JsonNode value) {
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        value.forEach(item -> {
            if (item.isTextual()) {
                strings.add(item.asText());
            }
        });
        return strings;
    }

    private static String text(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        String text = value.asText().strip();
        return text.length() <= MAX_DISPLAY_NAME ? text : text.substring(0, MAX_DISPLAY_NAME);
    }
}
