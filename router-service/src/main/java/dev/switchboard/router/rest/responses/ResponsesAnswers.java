package dev.switchboard.router.rest.responses;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ApiError;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.rest.CallHeaders;
import dev.switchboard.router.rest.ServerSentEvents;
import dev.switchboard.router.service.pipeline.CallResult;

/**
 * Writes a call's result in OpenAI's Responses shape: a {@code response}, or its event sequence, translated from the
 * chat answer of the provider that answered ({@link ChatToResponses}, {@link ChatStreamToResponses}); a failure in
 * OpenAI's error body. The model is named as the caller can ask for it again, {@code provider/model}.
 */
@ApplicationScoped
public class ResponsesAnswers {

    private final ObjectMapper mapper;

    public ResponsesAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The answer to {@code POST /v1/responses}; {@code finished} gets the response once it is complete (at once for a
     * plain answer, at the end of a stream), failed ones included.
     */
    public RouterAnswer write(CallResult result, ObjectNode request, Consumer<ObjectNode> finished) {
        if (result.failed()) {
            ApiException failure = result.failure();
            return RouterAnswer.json(failure.status(), CallHeaders.of(result), bytes(ApiError.of(failure.getMessage(),
                    ApiError.typeFor(failure.status()), failure.param(), failure.code())));
        }
        ResponseIds ids = ResponseIds.of(result.requestId());
        String model = result.candidate().qualified();
        if (result.streamed()) {
            return RouterAnswer.stream(CallHeaders.of(result), translated(result, ids, request, model, finished));
        }
        ObjectNode response = ChatToResponses.response(result.answer(), ids, request, model, mapper);
        finished.accept(response);
        return RouterAnswer.json(200, CallHeaders.of(result), bytes(response));
    }

    /** A failure outside any call (the store of responses, the plan), in OpenAI's error body. */
    public RouterAnswer error(Throwable failure) {
        ApiException api;
        if (failure instanceof ApiException known) {
            api = known;
        } else if (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            api = new ApiException(503, "The store of responses did not answer in time; try again.", null,
                    "store_unavailable");
        } else {
            Log.errorf(failure, "A Responses call failed");
            api = new ApiException(500, "internal error; see the router log", null, null);
        }
        return RouterAnswer.json(api.status(), Map.of(), bytes(ApiError.of(api.getMessage(),
                ApiError.typeFor(api.status()), api.param(), api.code())));
    }

    private Multi<Buffer> translated(CallResult result, ResponseIds ids, ObjectNode request, String model,
            Consumer<ObjectNode> finished) {
        var translation = new ChatStreamToResponses(mapper, ids, request, model);
        return result.stream()
                .map(reply -> events(events(reply, translation, result, finished)))
                .select().where(buffer -> buffer.length() > 0)
                .onFailure().recoverWithItem(failure -> events(failed(failure, translation, result.requestId())));
    }

    private List<ObjectNode> events(CompletionReply reply, ChatStreamToResponses translation, CallResult result,
            Consumer<ObjectNode> finished) {
        if (reply.error() != null) {
            List<ObjectNode> events = translation.failed(reply.error().errorClass().wireName(),
                    "Provider " + result.candidate().provider() + ": " + reply.error().message());
            finished.accept(translation.response());
            return events;
        }
        if (reply.chunk() != null) {
            return translation.chunk(reply.chunk());
        }
        List<ObjectNode> events = translation.end();
        finished.accept(translation.response());
        return events;
    }

    private List<ObjectNode> failed(Throwable failure, ChatStreamToResponses translation, String requestId) {
        if (failure instanceof ApiException api) {
            return translation.failed(api.code() == null ? ApiError.typeFor(api.status()) : api.code(),
                    api.getMessage());
        }
        Log.errorf(failure, "Stream %s failed", requestId);
        return translation.failed("server_error", "The stream failed inside the gateway.");
    }

    private Buffer events(List<ObjectNode> events) {
        Buffer out = Buffer.buffer();
        for (ObjectNode event : events) {
            out.appendBuffer(ServerSentEvents.of(event.path("type").asText(), bytes(event)));
        }
        return out;
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
