package dev.switchboard.adapters.client.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a whole Ollama answer and a streamed one share: finish reasons, tool calls and usage. */
final class OllamaAnswers {

    private OllamaAnswers() {
    }

    /** {@code stop} and {@code length} as they are; a turn that called tools ends in {@code tool_calls}. */
    static String finishReason(String doneReason, boolean calledTools) {
        if ("length".equals(doneReason)) {
            return "length";
        }
        return calledTools ? "tool_calls" : "stop";
    }

    /** An OpenAI tool call from an Ollama one, whose arguments are an object rather than a JSON string. */
    static ObjectNode toolCall(ObjectMapper mapper, JsonNode call, String id) {
        ObjectNode toolCall = mapper.createObjectNode()
                .put("id", call.path("id").asText("").isEmpty() ? id : call.get("id").asText())
                .put("type", "function");
        JsonNode arguments = call.path("function").path("arguments");
        toolCall.putObject("function")
                .put("name", call.path("function").path("name").asText())
                .put("arguments", arguments.isObject() ? arguments.toString() : arguments.asText("{}"));
        return toolCall;
    }

    static ObjectNode usage(ObjectMapper mapper, JsonNode answer) {
        long prompt = answer.path("prompt_eval_count").asLong();
        long completion = answer.path("eval_count").asLong();
        return mapper.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }
}
