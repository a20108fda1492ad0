package dev.switchboard.registry.client;

import java.util.List;

/**
 * One model as its provider's own list describes it, relayed by the adapter. A null field is one the list does not
 * state. {@code inputModalities} and {@code supportedParameters} use OpenRouter's words; when
 * {@code supportedParameters} is present, it is the whole list of what the model accepts. {@code kind} is
 * {@value #EMBEDDINGS} for a model the list states only embeds (Gemini's, by its methods), null when it says nothing.
 */
public record ListedModel(
        String id,
        String displayName,
        String description,
        Integer contextWindow,
        Integer maxOutputTokens,
        List<String> inputModalities,
        List<String> supportedParameters,
        Boolean openWeights,
        String kind) {

    /** The {@code kind} of a model its list states only embeds. */
    public static final String EMBEDDINGS = "embeddings";

    public static ListedModel id(String id) {
        return new ListedModel(id, null, null, null, null, null, null, null, null);
    }

    /** Whether the list states that the model only embeds. */
    public boolean embeddingsOnly() {
        return EMBEDDINGS.equals(kind);
    }
}
