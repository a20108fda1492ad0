package dev.switchboard.adapters.client.gemini;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ErrorClassifier;
import dev.switchboard.adapters.client.HttpCall;
import dev.switchboard.adapters.client.ProviderHttp;
import dev.switchboard.adapters.client.ProviderJson;
import dev.switchboard.adapters.client.ServerSentEvents;

/** Gemini's URLs and headers over the shared HTTP client: answers and stream events as JSON, errors classified. */
final class GeminiHttp {

    private final Endpoint endpoint;
    private final ProviderHttp http;
    private final ProviderJson json;

    GeminiHttp(Endpoint endpoint, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.http = http;
        this.json = new ProviderJson(endpoint.provider(), classifier, mapper);
    }

    Uni<JsonNode> generate(String model, byte[] body) {
        return http.send(HttpCall.postJson(provider(), modelUrl(model) + ":generateContent", headers(), body,
                endpoint.timeout())).map(json::answer);
    }

    /** The stream's events; Gemini's SSE carries one partial response per {@code data:} line and no end marker. */
    Multi<JsonNode> streamGenerate(String model, byte[] body) {
        return ServerSentEvents.data(http.lines(HttpCall.postJson(provider(),
                modelUrl(model) + ":streamGenerateContent?alt=sse", headers(), body, endpoint.timeout())))
                .filter(data -> !data.isEmpty())
                // A failure after the stream has started arrives as an event in Gemini's error shape.
                .map(json::event);
    }

    Uni<JsonNode> batchEmbed(String model, byte[] body) {
        return http.send(HttpCall.postJson(provider(), modelUrl(model) + ":batchEmbedContents", headers(), body,
                endpoint.timeout())).map(json::answer);
    }

    Uni<JsonNode> listModels(String pageToken) {
        String url = base() + "/models?pageSize=1000"
                + (pageToken.isEmpty() ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        return http.send(HttpCall.get(provider(), url, headers(), endpoint.timeout())).map(json::answer);
    }

    /** Model ids go under {@code models/}; a tuned model's full name is taken as it is. */
    private String modelUrl(String model) {
        String name = model.startsWith("tunedModels/") || model.startsWith("models/") ? model : "models/" + model;
        int slash = name.indexOf('/');
        return base() + "/" + name.substring(0, slash + 1)
                + URLEncoder.encode(name.substring(slash + 1), StandardCharsets.UTF_8);
    }

    /** The versioned base; a base URL configured with the version already is accepted as well. */
    private String base() {
        String base = endpoint.baseUrl();
        return base.endsWith("/v1beta") ? base : base + "/v1beta";
    }

    /** The key goes in a header, never in the URL, where it would end up in logs. */
    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        endpoint.key().ifPresent(key -> headers.put("x-goog-api-key", key));
        return headers;
    }

    private String provider() {
        return endpoint.provider();
    }
}
