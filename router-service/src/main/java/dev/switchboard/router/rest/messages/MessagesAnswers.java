package dev.switchboard.router.rest.messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

import dev.switchboard.api.AnthropicError;
import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.rest.CallHeaders;
import dev.switchboard.router.rest.ServerSentEvents;
import dev.switchboard.router.service.pipeline.CallResult;
import dev.switchboard.router.service.pipeline.ProviderFailure;

/**
 * Writes a call's result in Anthropic's Messages shape. What Anthropic answered goes out as it came: the message, each
 * event the moment it arrives, an error with its status and body. What another provider answered in chat is
 * translated ({@link ChatToMessages}, {@link ChatStreamToMessages}); Switchboard's own errors take Anthropic's error
 * shape.
 */
@Singleton
public class MessagesAnswers {

    private final ObjectMapper mapper;

    public MessagesAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The answer to {@code POST /v1/messages} or {@code POST /v1/messages/count_tokens}. */
    public RouterAnswer write(CallResult result) {
        if (result.failed()) {
            return failure(result);
        }
        if (result.streamed()) {
            return RouterAnswer.stream(CallHeaders.of(result), result.operation() == Operation.CHAT ? translated(result)
                    : passedThrough(result));
        }
        ObjectNode answer = result.answer();
        if (result.operation() == Operation.CHAT) {
            answer = ChatToMessages.message(answer, messageId(result), result.candidate().qualified(),
                    result.candidate().provider(), mapper);
        }
        return RouterAnswer.json(200, CallHeaders.of(result), bytes(answer));
    }

    private RouterAnswer failure(CallResult result) {
        ApiException failure = result.failure();
        if (failure instanceof ProviderFailure provider && provider.error().providerBody() != null) {
            // Anthropic's own error, for a caller that speaks Anthropic: clients match its wording, so it goes unchanged.
            return RouterAnswer.json(provider.error().providerStatus(), CallHeaders.of(result),
                    provider.error().providerBody().getBytes(StandardCharsets.UTF_8));
        }
        return RouterAnswer.json(failure.status(), CallHeaders.of(result), bytes(AnthropicError.of(
                AnthropicError.typeFor(failure.status()), failure.getMessage())));
    }

    private Multi<Buffer> passedThrough(CallResult result) {
        return result.stream()
                .select().where(reply -> reply.chunk() != null || reply.error() != null)
                .map(reply -> reply.error() != null ? errorEvent(reply.error(), result)
                        : ServerSentEvents.of(reply.eventType(), bytes(reply.chunk())))
                .onFailure().recoverWithItem(failure -> gatewayErrorEvent(failure, result.requestId()));
    }

    private Multi<Buffer> translated(CallResult result) {
        var translation = new ChatStreamToMessages(mapper, messageId(result), result.candidate().qualified(),
                result.candidate().provider());
        return result.stream()
                .map(reply -> {
                    if (reply.error() != null) {
                        return errorEvent(reply.error(), result);
                    }
                    return events(reply.chunk() == null ? translation.end() : translation.chunk(reply.chunk()));
                })
                .select().where(buffer -> buffer.length() > 0)
                .onFailure().recoverWithItem(failure -> gatewayErrorEvent(failure, result.requestId()));
    }

    private Buffer events(List<ObjectNode> events) {
        Buffer out = Buffer.buffer();
        for (ObjectNode event : events) {
            out.appendBuffer(ServerSentEvents.of(event.path("type").asText(), bytes(event)));
        }
        return out;
    }

    /** An error that breaks a stream after its first event: Anthropic's own event when it sent one, else in its shape. */
    private Buffer errorEvent(ReplyError error, CallResult result) {
        if (error.providerBody() != null) {
            JsonNode event = parse(error.providerBody());
            if (event != null && event.isObject()) {
                return ServerSentEvents.of("error", bytes(event));
            }
        }
        int status = error.errorClass().clientStatus();
        return ServerSentEvents.of("error", bytes(AnthropicError.of(AnthropicError.typeFor(status),
                "Provider " + result.candidate().provider() + ": " + error.message())));
    }

    private Buffer gatewayErrorEvent(Throwable failure, String requestId) {
        if (failure instanceof ApiException api) {
            return ServerSentEvents.of("error", bytes(AnthropicError.of(AnthropicError.typeFor(api.status()),
                    api.getMessage())));
        }
        Log.errorf(failure, "Stream %s failed", requestId);
        return ServerSentEvents.of("error", bytes(AnthropicError.of("api_error", "The stream failed inside the gateway.")));
    }

    private static String messageId(CallResult result) {
        return "msg_" + result.requestId().substring(result.requestId().indexOf('_') + 1);
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
