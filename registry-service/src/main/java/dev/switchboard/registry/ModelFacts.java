package dev.switchboard.registry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one source states about a model: its provider's list, or a synced catalog. A null field is not stated.
 * {@code capabilities} lists what the model is known to do; {@code capabilitiesKnown} says whether that list is whole.
 */
public record ModelFacts(
        String displayName,
        String description,
        Integer contextWindow,
        Integer maxOutputTokens,
        List<String> capabilities,
        boolean capabilitiesKnown,
        Boolean openWeights) {

    /**
     * These facts, with the other's filling what these do not state. A whole list of capabilities wins over a partial
     * one; two partial lists add up.
     */
    public ModelFacts orElse(ModelFacts other) {
        if (other == null) {
            return this;
        }
        List<String> mergedCapabilities;
        boolean known;
        if (capabilitiesKnown || !other.capabilitiesKnown) {
            Set<String> union = new LinkedHashSet<>(capabilities);
            if (!capabilitiesKnown) {
                union.addAll(other.capabilities);
            }
            mergedCapabilities = List.copyOf(union);
            known = capabilitiesKnown;
        } else {
            mergedCapabilities = other.capabilities;
            known = true;
        }
        Integer window = first(contextWindow, other.contextWindow);
        Integer output = first(maxOutputTokens, other.maxOutputTokens);
        // Limits from two sources may not agree; an output limit beyond the window is dropped rather than kept.
        return new ModelFacts(first(displayName, other.displayName), first(description, other.description), window,
                window != null && output != null && output > window ? null : output, mergedCapabilities, known,
                first(openWeights, other.openWeights));
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
