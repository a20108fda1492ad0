package dev.switchboard.adapters.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.MultiMap;

import dev.switchboard.contracts.ErrorClass;

class ErrorClassifierTest {

    private final ErrorClassifier classifier = new ErrorClassifier(ProviderTestSupport.MAPPER);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400|{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}}|AUTH",
            "400|{\"error\":{\"code\":400,\"message\":\"User location is not supported\",\"status\":\"FAILED_PRECONDITION\"}}|AUTH",
            "402|{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"credit balance too low\"}}|AUTH",
            "400|{\"error\":\"the input length exceeds the context length\"}|CONTEXT_LENGTH",
            "400|{\"error\":{\"message\":\"Response blocked\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"SAFETY\"}]}}|CONTENT_FILTER",
            "400|{\"error\":{\"message\":\"'safety_identifier' must be a string\"}}|BAD_REQUEST",
            "404|{\"error\":\"model 'llama9' not found\"}|MODEL_NOT_FOUND",
            "400|{\"message\":\"Invalid model: mistral-huge\"}|MODEL_NOT_FOUND",
            "529|{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}|OVERLOADED",
            "504|<html>gateway timeout</html>|TIMEOUT" })
    void classifiesEachProvidersErrorShape(int status, String body, ErrorClass expected) {
        assertThat(classifier.classify("p", status, MultiMap.caseInsensitiveMultiMap(), body).error().errorClass())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "retry-after-ms, 250, 250", "retry-after, 3, 3000" })
    void readsRetryHints(String header, String value, long expectedMs) {
        var headers = MultiMap.caseInsensitiveMultiMap().add(header, value);

        assertThat(classifier.classify("p", 429, headers, "{}").error().retryAfterMs()).isEqualTo(expectedMs);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abc*********************wxyz\"}}",
            "{\"error\":{\"message\":\"bad key AIzaSyA1234567890abcdefghijklmnopqrstu\"}}" })
    void keysNeverReachTheMessage(String body) {
        String message = classifier.classify("p", 401, MultiMap.caseInsensitiveMultiMap(), body).getMessage();

        assertThat(message).contains("[redacted]").doesNotContain("sk-proj-").doesNotContain("AIzaSy");
    }
}
