package dev.switchboard.router.rest.responses;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.ApiError;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.rest.CallHeaders;
import dev.switchboard.router.rest.ServerSentEvents;
import dev.switchboard.router.service.pipeline.CallResult;
import dev.switchboard.router.service.pipeline.ProviderFailure;

/**
 * Writes a call's result in OpenAI's Responses shape: what a provider that speaks Responses answered goes out as it came
 * (its items and events unchanged), with only the response's id and model made Switchboard's; a chat answer is
 * translated ({@link ChatToResponses}, {@link ChatStreamToResponses}); a failure takes OpenAI's error body (the one
 * OpenAI sent, when it refused what the caller sent and nothing fell back). The model
 * is named as the caller can ask for it again, {@code provider/model}.
 */
@Singleton
public class ResponsesAnswers {

    /** The events that end a Responses stream, each carrying the whole response. */
    private static final Set<String> FINAL_EVENTS = Set.of("response.completed", "response.incomplete",
            "response.failed");

    private final ObjectMapper mapper;

    public ResponsesAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The answer to {@code POST /v1/responses}; {@code finished} gets the response once it is complete (at once for a
     * plain answer; at the end of a stream, failed ones included, and the last event waits for it).
     */
    public RouterAnswer write(CallResult result, ObjectNode request, Function<ObjectNode, Uni<Void>> finished) {
        if (result.failed()) {
            ApiException failure = result.failure();
            if (failure instanceof ProviderFailure provider && provider.error().providerBody() != null) {
                // OpenAI's own refusal of what the caller sent: clients read its param and code, so it goes as sent.
                return RouterAnswer.json(provider.error().providerStatus(), CallHeaders.of(result),
                        provider.error().providerBody().getBytes(StandardCharsets.UTF_8));
            }
            return RouterAnswer.json(failure.status(), CallHeaders.of(result), bytes(ApiError.of(failure.getMessage(),
                    ApiError.typeFor(failure.status()), failure.param(), failure.code())));
        }
        ResponseIds ids = ResponseIds.of(result.requestId());
        String model = result.candidate().qualified();
        boolean asSent = result.operation() == Operation.RESPONSES;
        if (result.streamed()) {
            return RouterAnswer.stream(CallHeaders.of(result), asSent ? passedThrough(result, ids, request, model, finished)
                    : translated(result, ids, request, model, finished));
        }
        ObjectNode response = asSent ? ours(result.answer().deepCopy(), ids, request, model)
                : ChatToResponses.response(result.answer(), ids, request, model, mapper);
        finished.apply(response);
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

    /** The provider's events as they came; the one that ends the stream goes out once its response is stored. */
    private Multi<Buffer> passedThrough(CallResult result, ResponseIds ids, ObjectNode request, String model,
            Function<ObjectNode, Uni<Void>> finished) {
        AtomicLong sequence = new AtomicLong();
        return result.stream()
                .select().where(reply -> reply.chunk() != null || reply.error() != null)
                .onItem().transformToUniAndConcatenate(reply -> {
                    if (reply.error() != null) {
                        return Uni.createFrom().item(errorEvent(reply.error(), result, sequence.get()));
                    }
                    ObjectNode event = reply.chunk();
                    sequence.set(event.path("sequence_number").asLong(sequence.get()) + 1);
                    if (event.path("response").isObject()) {
                        ours((ObjectNode) event.get("response"), ids, request, model);
                    }
                    String type = event.path("type").asText();
                    Buffer out = ServerSentEvents.of(type, bytes(event));
                    if (FINAL_EVENTS.contains(type) && event.path("response").isObject()) {
                        return finished.apply((ObjectNode) event.get("response")).replaceWith(out);
                    }
                    return Uni.createFrom().item(out);
                })
                .onFailure().recoverWithItem(failure -> gatewayErrorEvent(failure, result.requestId(), sequence.get()));
    }

    private Multi<Buffer> translated(CallResult result, ResponseIds ids, ObjectNode request, String model,
            Function<ObjectNode, Uni<Void>> finished) {
        var translation = new ChatStreamToResponses(mapper, ids, request, model);
        return result.stream()
                .onItem().transformToUniAndConcatenate(reply -> {
                    if (reply.chunk() != null && reply.error() == null) {
                        return Uni.createFrom().item(events(translation.chunk(reply.chunk())));
                    }
                    Buffer last = events(reply.error() != null
                            ? translation.failed(reply.error().errorClass().wireName(),
                                    "Provider " + result.candidate().provider() + ": " + reply.error().message())
                            : translation.end());
                    return finished.apply(translation.response()).replaceWith(last);
                })
                .select().where(buffer -> buffer.length() > 0)
                .onFailure().recoverWithItem(failure -> events(failed(failure, translation, result.requestId())));
    }

    /**
     * The response as Switchboard answers it: its id (which {@code GET /v1/responses/{id}} and
     * {@code previous_response_id} know), the model as the caller can ask for it, and the continued response's id.
     */
    private static ObjectNode ours(ObjectNode response, ResponseIds ids, ObjectNode request, String model) {
        response.put("id", ids.response());
        response.put("model", model);
        JsonNode previous = request.get("previous_response_id");
        if (previous != null && previous.isTextual()) {
            response.put("previous_response_id", previous.asText());
        }
        return response;
    }

    /** A provider failure after the stream began, as OpenAI's {@code error} event. */
    private Buffer errorEvent(ReplyError error, CallResult result, long sequence) {
        ObjectNode event = mapper.createObjectNode().put("type", "error").put("sequence_number", sequence)
                .put("code", error.errorClass().wireName())
                .put("message", "Provider " + result.candidate().provider() + ": " + error.message());
        event.putNull("param");
        return ServerSentEvents.of("error", bytes(event));
    }

    private Buffer gatewayErrorEvent(Throwable failure, String requestId, long sequence) {
        String code = "server_error";
        String message = "The stream failed inside the gateway.";
        if (failure instanceof ApiException api) {
            code = api.code() == null ? ApiError.typeFor(api.status()) : api.code();
            message = api.getMessage();
        } else {
            Log.errorf(failure, "Stream %s failed", requestId);
        }
        ObjectNode event = mapper.createObjectNode().put("type", "error").put("sequence_number", sequence)
                .put("code", code).put("message", message);
        event.putNull("param");
        return ServerSentEvents.of("error", bytes(event));
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
