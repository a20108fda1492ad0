package dev.switchboard.adapters.client.openai;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.DroppedParameters;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.HttpCall;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderJson;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ServerSentEvents;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.adapters.client.TranslatedRequest;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

/**
 * OpenAI's Responses API spoken natively, by OpenAI and by Azure OpenAI: the body goes out as the caller wrote it (only
 * {@code model} becomes the provider's id and {@code stream} says how it is called), so input items, {@code include} and
 * fields Switchboard does not know reach the provider unchanged; the {@code response} and each event come back as sent,
 * and so does the provider's error body when it refuses what the caller sent.
 */
final class OpenAiResponses {

    /** The events that end a Responses stream; a stream that stops before one of them was cut. */
    static final Set<String> FINAL_EVENTS = Set.of("response.completed", "response.incomplete", "response.failed");

    private final String provider;
    private final ProviderHttp http;
    private final ErrorClassifier classifier;
    private final ObjectMapper mapper;
    private final ProviderJson json;

    OpenAiResponses(String provider, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        this.provider = provider;
        this.http = http;
        this.classifier = classifier;
        this.mapper = mapper;
        this.json = new ProviderJson(provider, classifier, mapper);
    }

    Uni<ProviderResponse> response(CompletionRequest request, String url, Map<String, String> headers,
            Duration timeout) {
        byte[] body = body(request, false);
        return http.send(HttpCall.postJson(provider, url, headers, body, timeout)).map(answer -> {
            JsonNode response = json.answer(answer);
            if (!response.isObject() || !"response".equals(response.path("object").asText())) {
                throw new ProviderException(ErrorClass.SERVER_ERROR, answer.status(),
                        provider + " answered without a response object", null);
            }
            return new ProviderResponse((ObjectNode) response, List.of(), TokenUsage.ofResponses(response.get("usage")));
        }).onFailure(ProviderException.class).transform(failure -> ((ProviderException) failure)
                .passedThroughWhenCallersFault());
    }

    Multi<ObjectNode> stream(CompletionRequest request, String url, Map<String, String> headers, Duration timeout) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean ended = new AtomicBoolean();
            HttpCall call = HttpCall.postJson(provider, url, headers, body(request, true), timeout);
            Multi<ObjectNode> events = ServerSentEvents.data(http.lines(call))
                    .filter(data -> !data.isEmpty() && !"[DONE]".equals(data))
                    .map(data -> event(data, ended));
            return ServerSentEvents.requireEnd(events, ended, provider)
                    .onFailure(ProviderException.class).transform(failure -> ((ProviderException) failure)
                            .passedThroughWhenCallersFault());
        });
    }

    /** The upstream body: the caller's, with the provider's model id, or none where the URL names the deployment. */
    byte[] body(CompletionRequest request, boolean stream) {
        ObjectNode body = request.body().deepCopy();
        DroppedParameters.GATEWAY_FIELDS.forEach(body::remove);
        body.put("model", request.model());
        if (stream) {
            body.put("stream", true);
        } else {
            body.remove("stream");
        }
        return new TranslatedRequest(body, List.of()).bytes(mapper);
    }

    /** One event as sent; an {@code error} event ends the stream as a failure of its class. */
    private ObjectNode event(String data, AtomicBoolean ended) {
        JsonNode event;
        try {
            event = mapper.readTree(data);
        } catch (IOException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, provider + " streamed an unreadable event");
        }
        String type = event.path("type").asText();
        if ("error".equals(type)) {
            throw classifier.classify(provider, statusOf(event), null, data);
        }
        if (FINAL_EVENTS.contains(type)) {
            ended.set(true);
        }
        return (ObjectNode) event;
    }

    /** OpenAI's stream errors name a code, not a status: a rate limit is a 429, anything else a server error. */
    private static int statusOf(JsonNode error) {
        String code = error.path("code").asText(error.path("error").path("code").asText(""));
        return code.contains("rate_limit") ? 429 : 500;
    }
}
