package dev.switchboard.adapters.client.anthropic;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.DroppedParameters;
import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.HttpAnswer;
import dev.switchboard.adapters.client.HttpCall;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ServerSentEvents;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

/**
 * Anthropic's Messages API spoken natively, for callers that speak it too: the body goes out as the caller wrote it
 * (only {@code model} becomes the provider's id), with the caller's {@code anthropic-version} and
 * {@code anthropic-beta}; the message, each event and each error come back as Anthropic sent them.
 */
final class AnthropicNative {

    private static final String FORWARDED_PREFIX = "anthropic-";

    private final Endpoint endpoint;
    private final ProviderHttp http;
    private final ErrorClassifier classifier;
    private final ObjectMapper mapper;

    AnthropicNative(Endpoint endpoint, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.http = http;
        this.classifier = classifier;
        this.mapper = mapper;
    }

    Uni<ProviderResponse> message(CompletionRequest request) {
        return call("/v1/messages", request).map(answer -> new ProviderResponse(answer, List.of(),
                TokenUsage.ofAnthropic(answer.get("usage"))));
    }

    Uni<ProviderResponse> countTokens(CompletionRequest request) {
        return call("/v1/messages/count_tokens", request)
                .map(answer -> new ProviderResponse(answer, List.of(), TokenUsage.NONE));
    }

    Multi<ObjectNode> stream(CompletionRequest request) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean ended = new AtomicBoolean();
            Multi<ObjectNode> events = ServerSentEvents.data(http.lines(post("/v1/messages", request)))
                    .filter(data -> !data.isEmpty())
                    .map(data -> event(data, ended));
            return ServerSentEvents.requireEnd(events, ended, endpoint.provider())
                    .onFailure(ProviderException.class).transform(failure -> ((ProviderException) failure).passedThrough());
        });
    }

    private Uni<ObjectNode> call(String path, CompletionRequest request) {
        return Uni.createFrom().deferred(() -> http.send(post(path, request)))
                .map(this::read)
                .onFailure(ProviderException.class).transform(failure -> ((ProviderException) failure).passedThrough());
    }

    private ObjectNode read(HttpAnswer answer) {
        String body = answer.body().toString();
        if (!answer.ok()) {
            throw classifier.classify(endpoint.provider(), answer.status(), answer.headers(), body);
        }
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, answer.status(),
                    endpoint.provider() + " answered with invalid JSON", null);
        }
        return (ObjectNode) json;
    }

    /** One event as sent; an {@code error} event ends the stream as a failure that carries the event itself. */
    private ObjectNode event(String data, AtomicBoolean ended) {
        JsonNode event = parse(data);
        if (event == null || !event.isObject()) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, endpoint.provider() + " streamed an unreadable event");
        }
        switch (event.path("type").asText()) {
            case "message_stop" -> ended.set(true);
            case "error" -> throw classifier.classify(endpoint.provider(),
                    AnthropicStream.STATUS_BY_ERROR_TYPE.getOrDefault(event.at("/error/type").asText(), 500), null, data);
            default -> {
                // Every other event, ping and types added later included, goes to the caller as it is.
            }
        }
        return (ObjectNode) event;
    }

    private HttpCall post(String path, CompletionRequest request) {
        ObjectNode body = request.body().deepCopy();
        body.put("model", request.model());
        DroppedParameters.GATEWAY_FIELDS.forEach(body::remove);
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return HttpCall.postJson(endpoint.provider(), endpoint.baseUrl() + path, headers(request), bytes,
                endpoint.timeout());
    }

    private Map<String, String> headers(CompletionRequest request) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("anthropic-version", AnthropicClient.API_VERSION);
        if (request.forwardHeaders() != null) {
            request.forwardHeaders().forEach((name, value) -> {
                if (name.toLowerCase(Locale.ROOT).startsWith(FORWARDED_PREFIX)) {
                    headers.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        endpoint.key().ifPresent(key -> headers.put("x-api-key", key));
        return headers;
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
