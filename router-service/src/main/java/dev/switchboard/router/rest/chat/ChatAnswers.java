package dev.switchboard.router.rest.chat;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ApiError;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.rest.CallHeaders;
import dev.switchboard.router.rest.ServerSentEvents;
import dev.switchboard.router.service.pipeline.CallResult;

/**
 * Writes a call's result in the OpenAI Chat Completions shape: a {@code chat.completion}, or
 * {@code chat.completion.chunk} events ending in {@code data: [DONE]} (or, once content was sent, an error event), or
 * an error in OpenAI's body; the model is named as the caller can ask for it again, {@code provider/model}.
 */
@Singleton
public class ChatAnswers {

    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final ObjectMapper mapper;

    public ChatAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public RouterAnswer write(CallResult result) {
        if (result.failed()) {
            ApiException failure = result.failure();
            return RouterAnswer.json(failure.status(), CallHeaders.of(result), bytes(ApiError.of(failure.getMessage(),
                    ApiError.typeFor(failure.status()), failure.param(), failure.code())));
        }
        if (result.streamed()) {
            Candidate candidate = result.candidate();
            Multi<Buffer> events = result.stream()
                    .map(reply -> event(reply, candidate))
                    .onFailure().recoverWithItem(failure -> errorEvent(failure, result.requestId()));
            return RouterAnswer.stream(CallHeaders.of(result), events);
        }
        ObjectNode completion = result.answer();
        if (CallResult.CACHE_HIT.equals(result.cache())) {
            completion.put("id", "chatcmpl-" + result.requestId());
        }
        completion.put("model", result.candidate().qualified());
        return RouterAnswer.json(200, CallHeaders.of(result), bytes(completion));
    }

    private Buffer event(CompletionReply reply, Candidate candidate) {
        if (reply.error() != null) {
            return ServerSentEvents.of(null,
                    bytes(ApiError.of("Provider " + candidate.provider() + ": " + reply.error().message(),
                            ApiError.typeFor(reply.error().errorClass().clientStatus()), null,
                            reply.error().errorClass().wireName())));
        }
        if (reply.chunk() == null) {
            return DONE;
        }
        ObjectNode chunk = reply.chunk();
        chunk.put("model", candidate.qualified());
        return ServerSentEvents.of(reply.eventType(), bytes(chunk));
    }

    private Buffer errorEvent(Throwable failure, String requestId) {
        if (failure instanceof ApiException api) {
            return ServerSentEvents.of(null,
                    bytes(ApiError.of(api.getMessage(), ApiError.typeFor(api.status()), api.param(), api.code())));
        }
        Log.errorf(failure, "Stream %s failed", requestId);
        return ServerSentEvents.of(null, bytes(ApiError.of("The stream failed inside the gateway.", "api_error", null, null)));
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
