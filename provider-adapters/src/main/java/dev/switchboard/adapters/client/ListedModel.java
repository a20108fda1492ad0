package dev.switchboard.adapters.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One model as the provider's own list describes it. A null field is one the list does not state: the registry keeps
 * it unknown rather than guess. {@code inputModalities} and {@code supportedParameters} use OpenRouter's words
 * ({@code text}, {@code image}, {@code audio}; {@code tools}, {@code response_format}, {@code structured_outputs},
 * {@code reasoning}); a list that is present is the whole truth, an absent one says nothing. {@code kind} is
 * {@value #EMBEDDINGS} when the list states the model only embeds, and null when it states nothing of its kind.
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

    /** The {@code kind} of a model the list states is an embedding model, which does nothing but embed. */
    public static final String EMBEDDINGS = "embeddings";

    /** A model whose list does not state its kind. */
    public ListedModel(String id, String displayName, String description, Integer contextWindow, Integer maxOutputTokens,
            List<String> inputModalities, List<String> supportedParameters, Boolean openWeights) {
        this(id, displayName, description, contextWindow, maxOutputTokens, inputModalities, supportedParameters,
                openWeights, null);
    }

    /** A model known by its id alone. */
    public static ListedModel id(String id) {
        return new ListedModel(id, null, null, null, null, null, null, null);
    }

    public static List<ListedModel> ids(List<String> ids) {
        return ids.stream().map(ListedModel::id).toList();
    }

    /** A positive whole number from the list, or null when the field is absent or not one. */
    public static Integer positive(JsonNode value) {
        return value != null && value.canConvertToInt() && value.isIntegralNumber() && value.asInt() > 0 ? value.asInt()
                : null;
    }

    /** A text field, or null when absent or blank. */
    public static String text(JsonNode value) {
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** An array of strings, or null when the field is absent or not one. */
    public static List<String> strings(JsonNode value) {
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        value.forEach(item -> {
            if (item.isTextual()) {
                strings.add(item.asText());
            }
        });
        return List.copyOf(strings);
    }
}
