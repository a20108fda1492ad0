package dev.switchboard.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat completion request on {@code switchboard.requests.<provider>}, keyed by request id.
 *
 * @param body the client's OpenAI chat completion body as received, with {@code model} left as the client wrote it
 * @param apiKeyId a short hash of the caller's API key, never the key
 * @param route how the router chose this model; null when it was not recorded
 */
public record CompletionRequest(
        String requestId,
        int attempt,
        String provider,
        String model,
        long deadlineEpochMs,
        String apiKeyId,
        ObjectNode body,
        RouteInfo route) {

    public CompletionRequest(String requestId, int attempt, String provider, String model, long deadlineEpochMs,
            String apiKeyId, ObjectNode body) {
        this(requestId, attempt, provider, model, deadlineEpochMs, apiKeyId, body, null);
    }
}
