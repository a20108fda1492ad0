package dev.switchboard.adapters.client.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.adapters.client.ProviderTestSupport.WAIT;
import static dev.switchboard.adapters.client.ProviderTestSupport.embeddingsRequest;
import static dev.switchboard.adapters.client.ProviderTestSupport.fixture;
import static dev.switchboard.adapters.client.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.ErrorClass;

/** OpenAI Embeddings spoken to Ollama's {@code /api/embed}, against a stub of its documented shapes. */
class OllamaEmbeddingsTest {

    private static final String EMBED = "/api/embed";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void theInputsGoAsOneBatchWithoutTruncationAndTheCountComesBack() {
        stub.server().stubFor(post(EMBED).willReturn(okJson(fixture("ollama/embed.json"))));

        ProviderResponse response = client().embed(embeddingsRequest("ollama", "all-minilm", """
                {"model":"ollama/all-minilm","input":["why is the sky blue?","why is grass green?"],"dimensions":3}"""))
                .await().atMost(WAIT);

        JsonNode sent = json(stub.server().findAll(postRequestedFor(urlEqualTo(EMBED))).get(0).getBodyAsString());
        assertThat(sent.path("model").asText()).isEqualTo("all-minilm");
        assertThat(sent.path("input")).hasSize(2);
        assertThat(sent.path("truncate").asBoolean(true)).as("OpenAI refuses a long input rather than cutting it").isFalse();
        assertThat(sent.path("dimensions").asInt()).isEqualTo(3);
        assertThat(response.completion().at("/data/1/embedding/1").asDouble()).isEqualTo(0.06042469);
        assertThat(response.completion().at("/data/1/object").asText()).isEqualTo("embedding");
        assertThat(response.tokens()).isEqualTo(new TokenUsage(8, 0, 0, 0, 0, 0));
    }

    @Test
    void anUnknownModelIsModelNotFound() {
        stub.server().stubFor(post(EMBED).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(fixture("ollama/error-model-not-found.json"))));

        assertThatThrownBy(() -> client().embed(embeddingsRequest("ollama", "nomic-embed-text", """
                {"model":"ollama/nomic-embed-text","input":"hello"}""")).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND));
    }

    @Test
    void tokenArraysAreNotSomethingOllamaTakes() {
        assertThatThrownBy(() -> client().embed(embeddingsRequest("ollama", "all-minilm", """
                {"model":"ollama/all-minilm","input":[[1212,318]]}""")).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.UNSUPPORTED));
    }

    private OllamaClient client() {
        return new OllamaClient(new Endpoint("ollama", stub.baseUrl(), null, Duration.ofSeconds(5), List.of()), stub.http(),
                stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
