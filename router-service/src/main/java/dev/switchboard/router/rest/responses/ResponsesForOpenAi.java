package dev.switchboard.router.rest.responses;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.Operation;
import dev.switchboard.router.service.pipeline.AttemptBody;

/**
 * The Responses body for a provider that speaks Responses itself (OpenAI, Azure OpenAI): the caller's body with its
 * fields and items as sent, {@code include} and encrypted reasoning included. A continuation's stored conversation goes
 * before the input, since the provider never saw Switchboard's {@code previous_response_id}. What the provider cannot
 * read is left out and named: the ids Switchboard gave input items, and reasoning another provider wrote (its text, with
 * no encrypted content the provider could decrypt).
 */
final class ResponsesForOpenAi {

    /** The prefix of the ids Switchboard gives stored input items ({@link StoredConversations}). */
    static final String GATEWAY_INPUT_ID = "in_";

    private ResponsesForOpenAi() {
    }

    static AttemptBody body(ObjectNode request, ArrayNode history, ArrayNode input, boolean inputResolved,
            ObjectMapper mapper) {
        ObjectNode body = request.deepCopy();
        body.remove("previous_response_id");
        List<String> stripped = new ArrayList<>(1);
        if (!history.isEmpty() || inputResolved) {
            ArrayNode items = mapper.createArrayNode();
            for (JsonNode item : history.deepCopy().addAll(input)) {
                readable((ObjectNode) item.deepCopy(), stripped, items);
            }
            body.set("input", items);
        }
        return new AttemptBody(Operation.RESPONSES, body, List.of(), stripped);
    }

    private static void readable(ObjectNode item, List<String> stripped, ArrayNode into) {
        if ("reasoning".equals(item.path("type").asText()) && !item.hasNonNull("encrypted_content")
                && item.path("content").size() > 0) {
            if (!stripped.contains("reasoning")) {
                stripped.add("reasoning");
            }
            return;
        }
        if (item.path("id").asText().startsWith(GATEWAY_INPUT_ID)) {
            item.remove("id");
        }
        into.add(item);
    }
}
