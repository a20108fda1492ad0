package dev.switchboard.contracts;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A call for one provider on {@code switchboard.requests.<provider>}, keyed by request id.
 *
 * @param model the provider-side model id
 * @param apiKeyId a short hash of the caller's API key, never the key
 * @param operation what is asked for, which fixes the shape of {@code body} and of the answer; {@link Operation#CHAT}
 *        when the record does not say (version 1)
 * @param dialect the API dialect the caller speaks; {@link Dialect#OPENAI} when the record does not say (version 1)
 * @param body the client's request body for {@code operation} as received, with {@code model} left as the client wrote it
 * @param forwardHeaders caller headers the adapter passes to the provider unchanged (such as {@code anthropic-beta});
 *        null when there are none
 * @param route how the router chose this model; null when it was not recorded
 * @param attribution what the call is attributed to (key name, team, user, metadata, tags, budget lease); null when
 *        nothing is known beyond {@code apiKeyId}
 * @param callerOperation the operation the caller asked for, when the router sends its call as another (a Responses or
 *        Messages call translated to chat for a provider that does not speak it); usage is counted under it. Null when
 *        it is {@code operation}
 */
public record CompletionRequest(
        String requestId,
        int attempt,
        String provider,
        String model,
        long deadlineEpochMs,
        String apiKeyId,
        Operation operation,
        Dialect dialect,
        ObjectNode body,
        Map<String, String> forwardHeaders,
        RouteInfo route,
        Attribution attribution,
        @JsonInclude(JsonInclude.Include.NON_NULL) Operation callerOperation) {

    public CompletionRequest {
        operation = operation == null ? Operation.CHAT : operation;
        dialect = dialect == null ? Dialect.OPENAI : dialect;
    }

    /** A call sent as the operation the caller asked for. */
    public CompletionRequest(String requestId, int attempt, String provider, String model, long deadlineEpochMs,
            String apiKeyId, Operation operation, Dialect dialect, ObjectNode body, Map<String, String> forwardHeaders,
            RouteInfo route, Attribution attribution) {
        this(requestId, attempt, provider, model, deadlineEpochMs, apiKeyId, operation, dialect, body, forwardHeaders,
                route, attribution, null);
    }

    /** A call with nothing attributed beyond the key id. */
    public CompletionRequest(String requestId, int attempt, String provider, String model, long deadlineEpochMs,
            String apiKeyId, Operation operation, Dialect dialect, ObjectNode body, Map<String, String> forwardHeaders,
            RouteInfo route) {
        this(requestId, attempt, provider, model, deadlineEpochMs, apiKeyId, operation, dialect, body, forwardHeaders,
                route, null);
    }

    /** A chat completion from an OpenAI caller, with no forwarded headers and no route recorded. */
    public CompletionRequest(String requestId, int attempt, String provider, String model, long deadlineEpochMs,
            String apiKeyId, ObjectNode body) {
        this(requestId, attempt, provider, model, deadlineEpochMs, apiKeyId, Operation.CHAT, Dialect.OPENAI, body, null,
                null, null);
    }

    /** The operation the call's usage is counted under: the one the caller asked for. */
    public Operation usageOperation() {
        return callerOperation != null ? callerOperation : operation;
    }

    /** Whether the caller asked for a streamed answer ({@code "stream": true} in the body). */
    public boolean streamed() {
        return body != null && body.path("stream").asBoolean(false);
    }
}
