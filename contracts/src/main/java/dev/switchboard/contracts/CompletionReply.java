package dev.switchboard.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to a {@link CompletionRequest} on {@code switchboard.replies}: an OpenAI {@code chat.completion} object
 * when the call succeeded, otherwise an error.
 */
public record CompletionReply(
        String requestId,
        int attempt,
        String provider,
        String model,
        ObjectNode completion,
        ReplyError error) {

    public static CompletionReply success(CompletionRequest request, ObjectNode completion) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), completion,
                null);
    }

    public static CompletionReply failure(CompletionRequest request, ReplyError error) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), null, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
