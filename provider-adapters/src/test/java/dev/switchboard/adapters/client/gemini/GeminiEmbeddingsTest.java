package dev.switchboard.adapters.client.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.ErrorClass;

/** OpenAI Embeddings spoken to Gemini's {@code batchEmbedContents}, against a stub of its documented shapes. */
class GeminiEmbeddingsTest {

    private static final String KEY = "AIzaSyTest0123456789abcdefghijklmnopqr";
    private static final String URL = "/v1beta/models/gemini-embedding-001:batchEmbedContents";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void everyInputIsOneRequestOfTheBatchAndTheVectorsComeBackInOrder() {
        stub.server().stubFor(post(URL).willReturn(okJson(fixture("gemini/batch-embed.json"))));

        ProviderResponse response = client().embed(embeddingsRequest("gemini", "gemini-embedding-001", """
                {"model":"gemini/gemini-embedding-001","input":["first text","a second, longer text"],"dimensions":3}"""))
                .await().atMost(WAIT);

        JsonNode sent = json(stub.server().findAll(postRequestedFor(urlEqualTo(URL))).get(0).getBodyAsString());
        assertThat(sent.path("requests")).hasSize(2);
        assertThat(sent.at("/requests/0/model").asText()).isEqualTo("models/gemini-embedding-001");
        assertThat(sent.at("/requests/1/content/parts/0/text").asText()).isEqualTo("a second, longer text");
        assertThat(sent.at("/requests/0/outputDimensionality").asInt()).isEqualTo(3);
        stub.server().verify(postRequestedFor(urlEqualTo(URL)).withHeader("x-goog-api-key", equalTo(KEY)));
        assertThat(response.completion().path("object").asText()).isEqualTo("list");
        assertThat(response.completion().at("/data/0/index").asInt()).isZero();
        assertThat(response.completion().at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(response.completion().at("/data/1/embedding/0").asDouble()).isEqualTo(-0.020567669);
        assertThat(response.completion().path("model").asText()).isEqualTo("gemini-embedding-001");
        // Gemini counts no tokens for embeddings: four characters a token, rounded up per text (10 -> 3, 21 -> 6).
        assertThat(response.tokens()).isEqualTo(new TokenUsage(9, 0, 0, 0, 0, 0));
    }

    @Test
    void anEmbeddingModelAsTheModelListNamesItIsServed() {
        stub.server().stubFor(get(urlPathEqualTo("/v1beta/models")).willReturn(okJson(fixture("gemini/models-page-2.json"))));
        stub.server().stubFor(post("/v1beta/models/text-embedding-004:batchEmbedContents")
                .willReturn(okJson("{\"embeddings\":[{\"values\":[0.125,0.5]}]}")));
        String listed = client().models().await().atMost(WAIT).stream()
                .filter(model -> ListedModel.EMBEDDINGS.equals(model.kind())).findFirst().orElseThrow().id();

        ProviderResponse response = client().embed(embeddingsRequest("gemini", listed, """
                {"model":"gemini/text-embedding-004","input":"as discovered"}""")).await().atMost(WAIT);

        assertThat(listed).isEqualTo("text-embedding-004");
        assertThat(response.completion().at("/data/0/embedding/0").asDouble()).isEqualTo(0.125);
        JsonNode sent = json(stub.server().findAll(postRequestedFor(
                urlEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents"))).get(0).getBodyAsString());
        assertThat(sent.at("/requests/0/model").asText()).isEqualTo("models/text-embedding-004");
    }

    @Test
    void aSingleStringIsABatchOfOne() {
        stub.server().stubFor(post(URL).willReturn(okJson("{\"embeddings\":[{\"values\":[0.5,0.25]}]}")));

        ProviderResponse response = client().embed(embeddingsRequest("gemini", "gemini-embedding-001", """
                {"model":"gemini-embedding-001","input":"just one"}""")).await().atMost(WAIT);

        assertThat(response.completion().path("data")).hasSize(1);
        assertThat(response.completion().at("/data/0/embedding/1").asDouble()).isEqualTo(0.25);
    }

    @Test
    void tokenArraysAreNotSomethingGeminiTakes() {
        assertThatThrownBy(() -> client().embed(embeddingsRequest("gemini", "gemini-embedding-001", """
                {"model":"gemini-embedding-001","input":[[1212,318]]}""")).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.UNSUPPORTED));
        assertThat(stub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void aShortAnswerIsTheProvidersFailure() {
        stub.server().stubFor(post(URL).willReturn(okJson("{\"embeddings\":[{\"values\":[0.5]}]}")));

        assertThatThrownBy(() -> client().embed(embeddingsRequest("gemini", "gemini-embedding-001", """
                {"model":"gemini-embedding-001","input":["one","two"]}""")).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }

    @Test
    void errorsAreClassifiedAsForChat() {
        stub.server().stubFor(post(URL).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(fixture("gemini/error-rate-limit.json"))));

        assertThatThrownBy(() -> client().embed(embeddingsRequest("gemini", "gemini-embedding-001", """
                {"model":"gemini-embedding-001","input":"hello"}""")).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.RATE_LIMITED));
    }

    private GeminiClient client() {
        return new GeminiClient(new Endpoint("gemini", stub.baseUrl(), KEY, Duration.ofSeconds(5), List.of()), stub.http(),
                stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
