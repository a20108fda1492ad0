package dev.switchboard.adapters.client.ollama;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An Ollama {@code /api/chat} body and the OpenAI parameters that were left out of it. */
record OllamaRequest(ObjectNode body, List<String> dropped) {

    byte[] bytes(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
