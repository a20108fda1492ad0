package dev.switchboard.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An answer to a {@link CompletionRequest} on {@code switchboard.replies}, for any {@link Operation}. A plain call gets
 * one reply holding either the operation's answer object in {@code completion} (a {@code chat.completion}, a Responses
 * {@code response}, an Anthropic {@code message}, an embeddings {@code list}) or an error. A streamed call gets one reply
 * per stream event in {@code chunk}, numbered from 0 by {@code sequence}, with the event's server-sent-event name in
 * {@code eventType} when the operation names its events (null for chat chunks); the final reply has {@code last} set,
 * or carries the error that broke the stream. {@code droppedParameters} lists request parameters the provider could
 * not honour and that were left out; it is set on the plain reply or on the first chunk. {@code tokens} is what the
 * attempt used, on its plain reply or a stream's last one, whether or not the caller asked for usage. Null fields are
 * left out, so a chat reply reads the same as in contract version 1.
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
        String eventType,
        boolean last,
        List<String> droppedParameters,
        TokenCounts tokens) {

    /** A reply that does not say what the attempt used. */
    public CompletionReply(String requestId, int attempt, String provider, String model, ObjectNode completion,
            ReplyError error, Integer sequence, ObjectNode chunk, String eventType, boolean last,
            List<String> droppedParameters) {
        this(requestId, attempt, provider, model, completion, error, sequence, chunk, eventType, last, droppedParameters,
                null);
    }

    public static CompletionReply success(CompletionRequest request, ObjectNode completion) {
        return success(request, completion, null);
    }

    public static CompletionReply success(CompletionRequest request, ObjectNode completion, List<String> dropped) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), completion,
                null, null, null, null, true, emptyToNull(dropped));
    }

    /** This reply saying what the attempt used. */
    public CompletionReply withTokens(TokenCounts used) {
        return new CompletionReply(requestId, attempt, provider, model, completion, error, sequence, chunk, eventType, last,
                droppedParameters, used);
    }

    public static CompletionReply failure(CompletionRequest request, ReplyError error) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), null, error,
                null, null, null, true, null);
    }

    /**
     * One event of a stream (or, with a null {@code chunk} and {@code last}, its end). Its {@code eventType} is the
     * event's own {@code type} when the request's operation names its events.
     */
    public static CompletionReply chunk(CompletionRequest request, int sequence, ObjectNode chunk, boolean last,
            List<String> dropped) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), null, null,
                sequence, chunk, eventTypeOf(request.operation(), chunk), last, emptyToNull(dropped));
    }

    public static CompletionReply streamFailure(CompletionRequest request, int sequence, ReplyError error) {
        return new CompletionReply(request.requestId(), request.attempt(), request.provider(), request.model(), null, error,
                sequence, null, null, true, null);
    }

    /** The server-sent-event name of a stream event: its {@code type}, for operations that name their events. */
    public static String eventTypeOf(Operation operation, ObjectNode chunk) {
        return chunk != null && operation.namedStreamEvents() ? chunk.path("type").textValue() : null;
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
