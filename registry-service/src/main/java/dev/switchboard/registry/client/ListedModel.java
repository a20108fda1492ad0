package dev.switchboard.registry.client;

import java.util.List;

/**
 * One model as its provider's own list describes it, relayed by the adapter. A null field is one the list does not
 * state. {@code inputModalities} and {@code supportedParameters} use OpenRouter's words; when
 * {@code supportedParameters} is present, it is the whole list of what the model accepts.
 */
public record ListedModel(
        String id,
        String displayName,
        String description,
        Integer contextWindow,
        Integer maxOutputTokens,
        List<String> inputModalities,
        List<String> supportedParameters,
        Boolean openWeights) {

    public static ListedModel id(String id) {
        return new ListedModel(id, null, null, null, null, null, null, null);
    }
}
