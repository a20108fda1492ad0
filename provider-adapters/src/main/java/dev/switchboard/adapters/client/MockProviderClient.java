package dev.switchboard.adapters.client;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.config.MockProviderConfig;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Providers;

/**
 * The built-in deterministic provider. {@code mock/echo} answers with the last user message; tokens are counted as
 * whitespace-separated words.
 */
@ApplicationScoped
public class MockProviderClient implements ProviderClient {

    static final String ECHO = "echo";

    private final ObjectMapper mapper;
    private final Duration latency;

    public MockProviderClient(ObjectMapper mapper, MockProviderConfig config) {
        this.mapper = mapper;
        this.latency = config.latency();
    }

    @Override
    public String provider() {
        return Providers.MOCK;
    }

    @Override
    public Uni<ProviderResponse> complete(CompletionRequest request) {
        if (!ECHO.equals(request.model())) {
            return Uni.createFrom().failure(new ProviderException(ErrorClass.MODEL_NOT_FOUND, 404,
                    "the mock provider has no model '" + request.model() + "'; it serves: " + ECHO, null));
        }
        Uni<ProviderResponse> answer = Uni.createFrom().item(() -> echo(request));
        return latency.isZero() ? answer : answer.onItem().delayIt().by(latency);
    }

    private ProviderResponse echo(CompletionRequest request) {
        JsonNode messages = request.body().path("messages");
        String reply = "";
        long promptTokens = 0;
        for (JsonNode message : messages) {
            String text = text(message.path("content"));
            promptTokens += words(text);
            if ("user".equals(message.path("role").asText())) {
                reply = text;
            }
        }
        long completionTokens = words(reply);
        ObjectNode completion = mapper.createObjectNode()
                .put("id", "chatcmpl-" + request.requestId())
                .put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond())
                .put("model", request.model());
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", reply).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        completion.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return new ProviderResponse(completion, promptTokens, completionTokens, 0);
    }

    /** The text of a message's content, whether a plain string or an array of parts. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    private static long words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
