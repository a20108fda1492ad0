package dev.switchboard.contracts;

/**
 * Asks the adapters to stop one attempt, because nobody waits for its answer any more. It goes on the attempt's request
 * topic with the same key, so it reaches the partition, and the adapter, that holds the request, after the request.
 */
public record CompletionCancel(String requestId, int attempt) {
}
