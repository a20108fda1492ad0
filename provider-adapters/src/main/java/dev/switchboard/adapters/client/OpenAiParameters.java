package dev.switchboard.adapters.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads OpenAI request parameters the same way for every translator that renames them for its provider. */
public final class OpenAiParameters {

    private OpenAiParameters() {
    }

    /** Copies a parameter under the provider's name when it is set and not null. */
    public static void copy(ObjectNode from, String name, ObjectNode to, String providerName) {
        if (from.hasNonNull(name)) {
            to.set(providerName, from.get(name));
        }
    }

    /** The output token limit: max_completion_tokens when set, else the older max_tokens. */
    public static void copyMaxTokens(ObjectNode from, ObjectNode to, String providerName) {
        copy(from, from.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens", to, providerName);
    }

    /** Stop sequences as a list: one string becomes a list of one, an empty list is left out. */
    public static void copyStop(ObjectNode from, ObjectNode to, String providerName) {
        JsonNode stop = from.path("stop");
        if (stop.isTextual()) {
            to.putArray(providerName).add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            to.set(providerName, stop);
        }
    }

    /** Whether the request asks for spoken output, by an audio parameter or an audio modality. */
    public static boolean wantsAudio(ObjectNode openAi) {
        boolean audioOut = openAi.hasNonNull("audio");
        for (JsonNode modality : openAi.path("modalities")) {
            audioOut |= "audio".equals(modality.asText());
        }
        return audioOut;
    }
}
