package dev.switchboard.router.rest.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;

/**
 * A Responses request's {@code input} as the list of items it stands for: a string is one user message, and an
 * {@code item_reference} the item of that id in the conversation the request continues.
 */
final class ResponsesInput {

    private ResponsesInput() {
    }

    /** The request's input items, each with its {@code type}, references resolved in {@code history}; empty when none. */
    static ArrayNode items(ObjectNode request, ArrayNode history, ObjectMapper mapper) {
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
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if ("item_reference".equals(ResponsesRequestParser.itemType(item))) {
                items.add(referenced(item.path("id").asText(), history, i));
                continue;
            }
            ObjectNode copy = ((ObjectNode) item).deepCopy();
            if (!copy.has("type")) {
                copy.put("type", ResponsesRequestParser.itemType(item));
            }
            items.add(copy);
        }
        return items;
    }

    /** Whether the input refers to stored items, so what goes upstream is not the input as sent. */
    static boolean hasReferences(ObjectNode request) {
        for (JsonNode item : request.path("input")) {
            if ("item_reference".equals(ResponsesRequestParser.itemType(item))) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode referenced(String id, ArrayNode history, int index) {
        for (JsonNode stored : history) {
            if (id.equals(stored.path("id").asText())) {
                return (ObjectNode) stored.deepCopy();
            }
        }
        throw new ApiException(400, "Item with id '" + id + "' not found in the conversation of 'previous_response_id'.",
                "input[" + index + "].id", null);
    }
}
