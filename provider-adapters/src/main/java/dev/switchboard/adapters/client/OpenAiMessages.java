package dev.switchboard.adapters.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.contracts.ErrorClass;

/** Reads the parts of OpenAI chat messages that providers taking plain text and object arguments read alike. */
public final class OpenAiMessages {

    private OpenAiMessages() {
    }

    /** A message's content as text: a string as it is, the text parts of a list joined by line breaks. */
    public static String text(JsonNode content) {
        if (!content.isArray()) {
            return content.isNull() || content.isMissingNode() ? "" : content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(text.length() == 0 ? "" : "\n").append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** A tool call's arguments string as a JSON object, empty when blank; anything else is refused as a bad request. */
    public static JsonNode toolArguments(ObjectMapper mapper, String arguments) {
        if (arguments.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode parsed = mapper.readTree(arguments);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // Refused below.
        }
        throw new ProviderException(ErrorClass.BAD_REQUEST, "tool call arguments must be a JSON object, got: " + arguments);
    }
}
