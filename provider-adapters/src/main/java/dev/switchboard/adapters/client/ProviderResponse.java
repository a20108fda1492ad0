package dev.switchboard.adapters.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A provider's answer in OpenAI form, with the token counts taken from it. */
public record ProviderResponse(ObjectNode completion, long inputTokens, long outputTokens, long cachedInputTokens) {
}
