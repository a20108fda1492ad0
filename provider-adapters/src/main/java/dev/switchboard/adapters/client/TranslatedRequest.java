package dev.switchboard.adapters.client;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A provider's request body translated from OpenAI's, and the OpenAI parameters that were left out of it. */
public record TranslatedRequest(ObjectNode body, List<String> dropped) {

    /** The parameters a translation drops, or none when the request is refused (the call itself reports that). */
    public static List<String> droppedBy(Supplier<TranslatedRequest> translation) {
        try {
            return translation.get().dropped();
        } catch (ProviderException refused) {
            return List.of();
        }
    }

    public byte[] bytes(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
