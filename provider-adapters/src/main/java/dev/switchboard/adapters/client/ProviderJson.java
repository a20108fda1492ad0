package dev.switchboard.adapters.client;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.switchboard.contracts.ErrorClass;

/** Reads one provider's JSON answers and stream events, failing with the classified error the provider reported. */
public final class ProviderJson {

    private final String provider;
    private final ErrorClassifier classifier;
    private final ObjectMapper mapper;

    public ProviderJson(String provider, ErrorClassifier classifier, ObjectMapper mapper) {
        this.provider = provider;
        this.classifier = classifier;
        this.mapper = mapper;
    }

    /** A whole answer's body; an error status fails with its class, a body that is not JSON as a server error. */
    public JsonNode answer(HttpAnswer answer) {
        if (!answer.ok()) {
            throw classifier.classify(provider, answer.status(), answer.headers(), answer.body().toString());
        }
        try {
            JsonNode json = mapper.readTree(answer.body().getBytes());
            return json == null ? MissingNode.getInstance() : json;
        } catch (IOException e) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, answer.status(), provider + " answered with invalid JSON",
                    null);
        }
    }

    /** One SSE event in OpenAI's or Gemini's shape, where a failure after the stream started is an event with "error". */
    public JsonNode event(String data) {
        JsonNode json;
        try {
            json = mapper.readTree(data);
        } catch (IOException e) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, provider + " streamed an unreadable event");
        }
        if (json.has("error")) {
            throw classifier.classify(provider, json.path("error").path("code").asInt(500), null, json.toString());
        }
        return json;
    }
}
