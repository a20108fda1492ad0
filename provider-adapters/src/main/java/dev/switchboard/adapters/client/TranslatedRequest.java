package dev.switchboard.adapters.client;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A provider's request body translated from OpenAI's, and the OpenAI parameters that were left out of it. */
public record TranslatedRequest(ObjectNode body, List<String> dropped) {

    public byte[] bytes(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
