package dev.switchboard.adapters.client.gemini;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

/** What a whole Gemini answer and a streamed one share: ids, finish reasons, tool calls and usage. */
final class GeminiAnswers {

    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
            "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "MODEL_ARMOR");

    private GeminiAnswers() {
    }

    static String id(CompletionRequest request, JsonNode response) {
        return ChatCompletions.id(response.path("responseId").asText(request.requestId()));
    }

    static String model(CompletionRequest request, JsonNode response) {
        return response.path("modelVersion").asText(request.model());
    }

    static String finishReason(String geminiReason, boolean calledTools) {
        if (geminiReason == null || geminiReason.isEmpty()) {
            return null;
        }
        if ("MAX_TOKENS".equals(geminiReason)) {
            return "length";
        }
        if (FILTERED.contains(geminiReason)) {
            return "content_filter";
        }
        return calledTools ? "tool_calls" : "stop";
    }

    /** Fails when Gemini refused the prompt itself: it then answers without candidates and says why. */
    static void requireCandidates(String provider, JsonNode response) {
        if (!response.path("candidates").isEmpty()) {
            return;
        }
        String blocked = response.path("promptFeedback").path("blockReason").asText("");
        if (!blocked.isEmpty()) {
            throw new ProviderException(ErrorClass.CONTENT_FILTER, provider + " blocked the prompt (" + blocked + ")");
        }
        throw new ProviderException(ErrorClass.SERVER_ERROR, provider + " answered without candidates");
    }

    /** An OpenAI tool call from a Gemini part holding a {@code functionCall}; the thought signature rides along. */
    static ObjectNode toolCall(ObjectMapper mapper, JsonNode part, String id) {
        JsonNode call = part.path("functionCall");
        ObjectNode toolCall = mapper.createObjectNode()
                .put("id", call.path("id").asText(id))
                .put("type", "function");
        toolCall.putObject("function")
                .put("name", call.path("name").asText())
                .put("arguments", call.path("args").isObject() ? call.get("args").toString() : "{}");
        if (part.hasNonNull("thoughtSignature")) {
            // Where Gemini's own OpenAI-compatible endpoint puts it, so clients that keep the call keep the signature.
            toolCall.putObject("extra_content").putObject("google")
                    .put("thought_signature", part.get("thoughtSignature").asText());
        }
        return toolCall;
    }

    /** OpenAI usage from Gemini's {@code usageMetadata}: thoughts count as completion (reasoning) tokens. */
    static ObjectNode usage(ObjectMapper mapper, JsonNode metadata) {
        long prompt = metadata.path("promptTokenCount").asLong() + metadata.path("toolUsePromptTokenCount").asLong();
        long thoughts = metadata.path("thoughtsTokenCount").asLong();
        long completion = metadata.path("candidatesTokenCount").asLong() + thoughts;
        ObjectNode usage = mapper.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", metadata.path("cachedContentTokenCount").asLong());
        usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
        return usage;
    }
}
