package dev.switchboard.router.rest.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@code chat.completion} as an OpenAI {@code response}: reasoning as a reasoning item, the text as an
 * assistant message, each tool call as a {@code function_call} item, the finish reason as the status, and the usage in
 * the Responses counts. The response repeats the request's settings, as OpenAI's does.
 */
final class ChatToResponses {

    private ChatToResponses() {
    }

    static ObjectNode response(ObjectNode completion, ResponseIds ids, ObjectNode request, String model,
            ObjectMapper mapper) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode said = choice.path("message");
        ObjectNode response = skeleton(request, ids.response(), model, completion.path("created").asLong(
                System.currentTimeMillis() / 1000), mapper);
        ArrayNode output = response.putArray("output");
        String reasoning = reasoning(said);
        if (!reasoning.isEmpty()) {
            output.add(reasoningItem(ids.reasoning(), reasoning, mapper));
        }
        String text = said.path("content").isTextual() ? said.get("content").asText() : "";
        String refusal = said.path("refusal").isTextual() ? said.get("refusal").asText() : "";
        if (!text.isEmpty() || !refusal.isEmpty()) {
            output.add(message(ids.message(), text, refusal, "completed", mapper));
        }
        int call = 0;
        for (JsonNode toolCall : said.path("tool_calls")) {
            output.add(functionCall(ids.functionCall(call++), toolCall.path("id").asText(),
                    toolCall.path("function").path("name").asText(),
                    toolCall.path("function").path("arguments").asText(""), "completed", mapper));
        }
        finish(response, choice.path("finish_reason").asText(null), completion.path("usage"), mapper);
        return response;
    }

    /**
     * The response as it starts, with no output and status {@code in_progress}: what every answer is built on. A setting
     * the request leaves out is written as null (set() writes a null node), never left out: the SDKs read these fields as
     * present.
     */
    static ObjectNode skeleton(ObjectNode request, String id, String model, long createdAt, ObjectMapper mapper) {
        ObjectNode response = mapper.createObjectNode().put("id", id).put("object", "response")
                .put("created_at", createdAt).put("status", "in_progress").putNull("error").putNull("incomplete_details");
        response.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : null);
        response.set("max_output_tokens", request.get("max_output_tokens"));
        response.put("model", model);
        response.putArray("output");
        response.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        response.set("previous_response_id", request.get("previous_response_id"));
        response.set("reasoning", request.path("reasoning").isObject() ? request.get("reasoning")
                : mapper.createObjectNode().putNull("effort").putNull("summary"));
        response.put("store", request.path("store").asBoolean(true));
        response.set("temperature", request.path("temperature").isNumber() ? request.get("temperature")
                : mapper.getNodeFactory().numberNode(1.0));
        response.set("text", request.path("text").isObject() ? request.get("text")
                : mapper.createObjectNode().set("format", mapper.createObjectNode().put("type", "text")));
        response.set("tool_choice", request.has("tool_choice") ? request.get("tool_choice")
                : mapper.getNodeFactory().textNode("auto"));
        response.set("tools", request.path("tools").isArray() ? request.get("tools") : mapper.createArrayNode());
        response.set("top_p", request.path("top_p").isNumber() ? request.get("top_p")
                : mapper.getNodeFactory().numberNode(1.0));
        response.put("truncation", "disabled");
        response.putNull("usage");
        response.set("user", request.get("user"));
        response.set("metadata", request.path("metadata").isObject() ? request.get("metadata")
                : mapper.createObjectNode());
        return response;
    }

    /** Sets the status from chat's finish reason, and the usage. */
    static void finish(ObjectNode response, String finishReason, JsonNode chatUsage, ObjectMapper mapper) {
        if ("length".equals(finishReason) || "content_filter".equals(finishReason)) {
            response.put("status", "incomplete");
            response.putObject("incomplete_details").put("reason",
                    "length".equals(finishReason) ? "max_output_tokens" : "content_filter");
        } else {
            response.put("status", "completed");
        }
        response.set("usage", usage(chatUsage, mapper));
    }

    static ObjectNode usage(JsonNode chatUsage, ObjectMapper mapper) {
        long input = chatUsage.path("prompt_tokens").asLong();
        long output = chatUsage.path("completion_tokens").asLong();
        ObjectNode usage = mapper.createObjectNode().put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens",
                chatUsage.path("prompt_tokens_details").path("cached_tokens").asLong());
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens",
                chatUsage.path("completion_tokens_details").path("reasoning_tokens").asLong());
        usage.put("total_tokens", chatUsage.path("total_tokens").asLong(input + output));
        return usage;
    }

    static ObjectNode message(String id, String text, String refusal, String status, ObjectMapper mapper) {
        ObjectNode message = mapper.createObjectNode().put("type", "message").put("id", id).put("status", status)
                .put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (!text.isEmpty()) {
            content.add(outputText(text, mapper));
        }
        if (!refusal.isEmpty()) {
            content.addObject().put("type", "refusal").put("refusal", refusal);
        }
        return message;
    }

    static ObjectNode outputText(String text, ObjectMapper mapper) {
        ObjectNode part = mapper.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status,
            ObjectMapper mapper) {
        return mapper.createObjectNode().put("type", "function_call").put("id", id).put("call_id", callId)
                .put("name", name).put("arguments", arguments).put("status", status);
    }

    /** Another provider's reasoning, as its text: it carries no encrypted content, so it is stripped on the way back. */
    static ObjectNode reasoningItem(String id, String text, ObjectMapper mapper) {
        ObjectNode item = mapper.createObjectNode().put("type", "reasoning").put("id", id);
        item.putArray("summary");
        ArrayNode content = item.putArray("content");
        if (!text.isEmpty()) {
            content.addObject().put("type", "reasoning_text").put("text", text);
        }
        return item;
    }

    /** The reasoning a chat message carries, under the name its provider gives it; empty when none. */
    static String reasoning(JsonNode messageOrDelta) {
        JsonNode reasoning = messageOrDelta.get("reasoning_content");
        if (reasoning == null || !reasoning.isTextual()) {
            reasoning = messageOrDelta.get("reasoning");
        }
        return reasoning != null && reasoning.isTextual() ? reasoning.asText() : "";
    }
}
