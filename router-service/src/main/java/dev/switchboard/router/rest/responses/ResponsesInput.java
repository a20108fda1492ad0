package dev.switchboard.router.rest.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Responses request's {@code input} as the list of items it stands for: a string is one user message. */
final class ResponsesInput {

    private ResponsesInput() {
    }

    /** The request's input items, each with its {@code type}; empty when it has none. */
    static ArrayNode items(ObjectNode request, ObjectMapper mapper) {
        ArrayNode items = mapper.createArrayNode();
        JsonNode input = request.get("input");
        if (input == null || input.isNull()) {
            return items;
        }
        if (input.isTextual()) {
            ObjectNode message = items.addObject().put("type", "message").put("role", "user");
            message.putArray("content").addObject().put("type", "input_text").put("text", input.asText());
            return items;
        }
        for (JsonNode item : input) {
            ObjectNode copy = ((ObjectNode) item).deepCopy();
            if (!copy.has("type")) {
                copy.put("type", ResponsesRequestParser.itemType(item));
            }
            items.add(copy);
        }
        return items;
    }
}
