package dev.switchboard.router.rest.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stated estimate of a Messages request's input tokens, for models whose provider has no counting endpoint: four
 * characters of text a token (the rule of thumb OpenAI and Anthropic both give for English), plus a few tokens per turn
 * for its framing. {@code X-Switchboard-Token-Count} says whether a count is the provider's or this estimate.
 */
final class TokenEstimate {

    static final String HEADER = "X-Switchboard-Token-Count";
    static final String BY_PROVIDER = "provider";
    static final String ESTIMATE = "estimate";

    private static final int CHARACTERS_PER_TOKEN = 4;
    private static final int TOKENS_PER_TURN = 4;

    private TokenEstimate() {
    }

    static long inputTokens(ObjectNode body) {
        long characters = text(body.get("system")) + text(body.get("tools"));
        long turns = 0;
        for (JsonNode message : body.path("messages")) {
            characters += text(message.get("content"));
            turns++;
        }
        return (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN + turns * TOKENS_PER_TURN;
    }

    /** Anthropic's count answer, {@code {"input_tokens": N}}, with the estimate. */
    static ObjectNode count(ObjectNode body, ObjectMapper mapper) {
        return mapper.createObjectNode().put("input_tokens", inputTokens(body));
    }

    /** The characters of every string in a value, field names of tool schemas included; images count nothing. */
    private static long text(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isTextual()) {
            return value.asText().length();
        }
        long characters = 0;
        if (value.isObject()) {
            if ("image".equals(value.path("type").asText())) {
                return 0;
            }
            var fields = value.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!"type".equals(field.getKey()) && !"signature".equals(field.getKey())) {
                    characters += text(field.getValue());
                }
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                characters += text(item);
            }
        }
        return characters;
    }
}
