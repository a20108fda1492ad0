package dev.switchboard.adapters.client.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.contracts.CompletionRequest;

/** Turns an Ollama {@code /api/chat} answer into an OpenAI {@code chat.completion}. */
final class OllamaResponseTranslator {

    private final ObjectMapper mapper;

    OllamaResponseTranslator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode completion(CompletionRequest request, JsonNode answer) {
        ObjectNode completion = ChatCompletions.envelope(mapper, ChatCompletions.id(request.requestId()),
                answer.path("model").asText(request.model()), ChatCompletions.COMPLETION, ChatCompletions.now());
        JsonNode reply = answer.path("message");
        ArrayNode toolCalls = mapper.createArrayNode();
        String idPrefix = ChatCompletions.callIdPrefix();
        for (JsonNode call : reply.path("tool_calls")) {
            toolCalls.add(OllamaAnswers.toolCall(mapper, call, idPrefix + toolCalls.size()));
        }
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String content = reply.path("content").asText("");
        if (content.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (!reply.path("thinking").asText("").isEmpty()) {
            // The field reasoning servers such as vLLM and DeepSeek use; plain OpenAI clients ignore it.
            message.put("reasoning_content", reply.get("thinking").asText());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", OllamaAnswers.finishReason(answer.path("done_reason").asText(""), !toolCalls.isEmpty()));
        completion.set("usage", OllamaAnswers.usage(mapper, answer));
        return completion;
    }
}
