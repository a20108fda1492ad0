package dev.switchboard.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An answer to a {@link CompletionRequest} on {@code switchboard.replies}. A plain call gets one reply holding either an
 * OpenAI {@code chat.completion} object or an error. A streamed call gets one reply per OpenAI
 * {@code chat.completion.chunk}, numbered from 0 by {@code sequence}; the final one has {@code last} set, or carries
 * the error that broke the stream. {@code droppedParameters} lists request parameters the provider could not honour and
 * that were left out; it is set on the plain reply or on the first chunk.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionReply(
        String requestId,
        int attempt,
        String provider,
        String model,
        ObjectNode completion,
        ReplyError error,
        Integer sequence,
        ObjectNode chunk,
        boolean last,
        List<String> droppedParameters) {

    public static CompletionReply success(CompletionRequest request, ObjectNode completion) {
        return success(request, completion, null);
    }

    public static CompletionReply success(CompletionRequest request, ObjectNode completion, List<String> dropped) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), completion,
                null, null, null, true, emptyToNull(dropped));
    }

    public static CompletionReply failure(CompletionRequest request, ReplyError error) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), null, error,
                null, null, true, null);
    }

    public static CompletionReply chunk(CompletionRequest request, int sequence, ObjectNode chunk, boolean last,
            List<String> dropped) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), null, null,
                sequence, chunk, last, emptyToNull(dropped));
    }

    public static CompletionReply streamFailure(CompletionRequest request, int sequence, ReplyError error) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), null, error,
                sequence, null, true, null);
    }

    private static List<String> emptyToNull(List<String> values) {
        return values == null || values.isEmpty() ? null : List.copyOf(values);
    }

    @JsonIgnore
    public boolean succeeded() {
        return error == null;
    }

    /** Whether no further reply will follow for this request. */
    @JsonIgnore
    public boolean isFinal() {
        return last || completion != null || error != null;
    }
}
