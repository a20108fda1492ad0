package dev.switchboard.adapters.client.openai;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.adapters.client.ListedModel;

/**
 * Reads one entry of an OpenAI-style model list ({@code GET /models}). OpenAI itself states only the id; the providers
 * that speak its protocol add what they know, each in its own field: OpenRouter ({@code context_length},
 * {@code top_provider.max_completion_tokens}, {@code architecture.input_modalities}, {@code supported_parameters}),
 * Together ({@code context_length}), Groq ({@code context_window}, {@code max_completion_tokens}) and Mistral
 * ({@code max_context_length}). Mistral's {@code capabilities} object names tools and vision but not structured output,
 * so it is not read as a whole list of what the model can do.
 */
final class OpenAiModelList {

    private OpenAiModelList() {
    }

    static ListedModel entry(JsonNode model) {
        Integer contextWindow = first(ListedModel.positive(model.get("context_length")),
                ListedModel.positive(model.get("context_window")), ListedModel.positive(model.get("max_context_length")));
        Integer maxOutput = first(ListedModel.positive(model.path("top_provider").get("max_completion_tokens")),
                ListedModel.positive(model.get("max_completion_tokens")));
        String displayName = first(ListedModel.text(model.get("name")), ListedModel.text(model.get("display_name")));
        return new ListedModel(model.path("id").asText(), displayName, ListedModel.text(model.get("description")),
                contextWindow, maxOutput, ListedModel.strings(model.path("architecture").get("input_modalities")),
                ListedModel.strings(model.get("supported_parameters")), null);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
