package dev.switchboard.adapters.client.gemini;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Gemini {@code GenerateContentRequest} body and the OpenAI parameters that were left out of it. */
record GeminiRequest(ObjectNode body, List<String> dropped) {

    byte[] bytes(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
