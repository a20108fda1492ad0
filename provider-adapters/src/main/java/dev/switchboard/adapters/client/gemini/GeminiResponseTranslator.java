package dev.switchboard.adapters.client.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.contracts.CompletionRequest;

/** Turns a Gemini {@code GenerateContentResponse} into an OpenAI {@code chat.completion}. */
final class GeminiResponseTranslator {

    private final ObjectMapper mapper;
    private final String provider;

    GeminiResponseTranslator(ObjectMapper mapper, String provider) {
        this.mapper = mapper;
        this.provider = provider;
    }

    ObjectNode completion(CompletionRequest request, JsonNode response) {
        GeminiAnswers.requireCandidates(provider, response);
        ObjectNode completion = ChatCompletions.envelope(mapper, GeminiAnswers.id(request, response),
                GeminiAnswers.model(request, response), ChatCompletions.COMPLETION, ChatCompletions.now());
        ArrayNode choices = completion.putArray("choices");
        int position = 0;
        for (JsonNode candidate : response.path("candidates")) {
            choices.add(choice(candidate, candidate.path("index").asInt(position++)));
        }
        completion.set("usage", GeminiAnswers.usage(mapper, response.path("usageMetadata")));
        return completion;
    }

    private ObjectNode choice(JsonNode candidate, int index) {
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = mapper.createArrayNode();
        String idPrefix = ChatCompletions.callIdPrefix();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue; // Thought summaries are not part of the answer.
            }
            if (part.has("text")) {
                text.append(part.get("text").asText());
            }
            if (part.has("functionCall")) {
                toolCalls.add(GeminiAnswers.toolCall(mapper, part, idPrefix + toolCalls.size()));
            }
        }
        ObjectNode choice = mapper.createObjectNode().put("index", index);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (text.length() == 0 && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", GeminiAnswers.finishReason(candidate.path("finishReason").asText(""),
                !toolCalls.isEmpty()));
        return choice;
    }
}
