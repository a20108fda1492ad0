package dev.switchboard.adapters.client.ollama;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.HttpCall;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderJson;
import dev.switchboard.contracts.ErrorClass;

/** Ollama's URLs over the shared HTTP client: answers and NDJSON stream objects as JSON, errors classified. */
final class OllamaHttp {

    /** Ollama's status for an error without one of its own, which is how mid-stream errors arrive. */
    private static final int UNSTATED_STATUS = 500;

    private final Endpoint endpoint;
    private final String baseUrl;
    private final ProviderHttp http;
    private final ErrorClassifier classifier;
    private final ObjectMapper mapper;
    private final ProviderJson json;

    OllamaHttp(Endpoint endpoint, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.baseUrl = OllamaHost.baseUrl(endpoint.baseUrl());
        this.http = http;
        this.classifier = classifier;
        this.mapper = mapper;
        this.json = new ProviderJson(endpoint.provider(), classifier, mapper);
    }

    Uni<JsonNode> chat(byte[] body) {
        return http.send(HttpCall.postJson(provider(), baseUrl + "/api/chat", headers(), body, endpoint.timeout()))
                .map(answer -> checked(json.answer(answer), answer.status()));
    }

    /** One JSON object per line; blank lines are skipped. */
    Multi<JsonNode> chatStream(byte[] body) {
        return http.lines(HttpCall.postJson(provider(), baseUrl + "/api/chat", headers(), body, endpoint.timeout()))
                .filter(line -> !line.isBlank())
                .map(this::line);
    }

    Uni<JsonNode> embed(byte[] body) {
        return http.send(HttpCall.postJson(provider(), baseUrl + "/api/embed", headers(), body, endpoint.timeout()))
                .map(answer -> checked(json.answer(answer), answer.status()));
    }

    Uni<JsonNode> tags() {
        return http.send(HttpCall.get(provider(), baseUrl + "/api/tags", headers(), endpoint.timeout())).map(json::answer);
    }

    /** Ollama needs no key; one is sent when set, for servers behind a proxy or Ollama's own cloud. */
    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        endpoint.key().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        return headers;
    }

    private JsonNode line(String line) {
        try {
            return checked(mapper.readTree(line), UNSTATED_STATUS);
        } catch (IOException e) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, provider() + " streamed an unreadable line");
        }
    }

    /** An {@code {"error": "..."}} object fails, with the status it states or Ollama's own default. */
    private JsonNode checked(JsonNode answer, int status) {
        if (answer.hasNonNull("error")) {
            int stated = answer.path("status").asInt(status);
            throw classifier.classify(provider(), stated >= 400 ? stated : UNSTATED_STATUS, null, answer.toString());
        }
        return answer;
    }

    private String provider() {
        return endpoint.provider();
    }
}
