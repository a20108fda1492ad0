package dev.switchboard.adapters.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.ErrorClass;

/** OpenAI Embeddings ({@code POST /embeddings}) on OpenAI, Mistral, any compatible server and Azure, against stubs. */
class OpenAiEmbeddingsTest {

    private static final String KEY = "sk-test-0123456789abcdefghijklmnop";
    private static final String TWO_TEXTS = """
            {"model":"openai/text-embedding-3-small","input":["first text","second text"],"dimensions":3,
             "encoding_format":"base64","user":"user-42","models":["mistral/mistral-embed"]}""";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void theBodyGoesThroughAskingForFloatsAndTheListComesBackWithItsTokens() {
        stub.server().stubFor(post("/v1/embeddings").willReturn(okJson(fixture("openai/embeddings.json"))));

        ProviderResponse response = client("openai").embed(embeddingsRequest("openai", "text-embedding-3-small", TWO_TEXTS))
                .await().atMost(WAIT);

        assertThat(response.completion().path("object").asText()).isEqualTo("list");
        assertThat(response.completion().at("/data/1/embedding/2").asDouble()).isEqualTo(-0.007471722);
        assertThat(response.tokens()).isEqualTo(new TokenUsage(9, 0, 0, 0, 0, 0));
        JsonNode sent = sentBody("/v1/embeddings");
        assertThat(sent.path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(sent.path("input")).hasSize(2);
        assertThat(sent.path("dimensions").asInt()).isEqualTo(3);
        assertThat(sent.path("user").asText()).isEqualTo("user-42");
        assertThat(sent.path("encoding_format").asText()).as("the router writes base64 itself").isEqualTo("float");
        assertThat(sent.has("models")).as("the gateway's fallback list stays in the gateway").isFalse();
        stub.server().verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void tokenArraysGoToACompatibleServerAsTheyAre() {
        stub.server().stubFor(post("/v1/embeddings").willReturn(okJson(fixture("openai/embeddings.json"))));

        client("mistral").embed(embeddingsRequest("mistral", "mistral-embed", """
                {"model":"mistral/mistral-embed","input":[[1212,318],[257,1332]]}""")).await().atMost(WAIT);

        assertThat(sentBody("/v1/embeddings").at("/input/1/1").asInt()).isEqualTo(1332);
    }

    @Test
    void azureSendsToTheDeploymentWithItsKeyAndNoModel() {
        stub.server().stubFor(post(urlPathEqualTo("/openai/deployments/my-embedder/embeddings"))
                .willReturn(okJson(fixture("openai/embeddings.json"))));
        var azure = new AzureOpenAiClient(new Endpoint("azure-openai", stub.baseUrl(), "0123456789abcdef0123456789abcdef",
                Duration.ofSeconds(5), List.of()), "2024-10-21", stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);

        ProviderResponse response = azure.embed(embeddingsRequest("azure-openai", "my-embedder", TWO_TEXTS))
                .await().atMost(WAIT);

        assertThat(response.completion().path("data")).hasSize(2);
        stub.server().verify(postRequestedFor(urlEqualTo("/openai/deployments/my-embedder/embeddings?api-version=2024-10-21"))
                .withHeader("api-key", equalTo("0123456789abcdef0123456789abcdef")));
        assertThat(sentBody("/openai/deployments/my-embedder/embeddings").has("model")).isFalse();
    }

    @Test
    void aChatModelRefusedByTheProviderIsItsBadRequest() {
        stub.server().stubFor(post("/v1/embeddings").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("openai/error-bad-request.json"))));

        assertThatThrownBy(() -> client("openai").embed(embeddingsRequest("openai", "gpt-4o-mini", TWO_TEXTS))
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.BAD_REQUEST));
    }

    @Test
    void anAnswerWithoutDataIsTheProvidersFailure() {
        stub.server().stubFor(post("/v1/embeddings").willReturn(okJson("{\"object\":\"list\"}")));

        assertThatThrownBy(() -> client("openai").embed(embeddingsRequest("openai", "text-embedding-3-small", TWO_TEXTS))
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }

    private OpenAiCompatibleClient client(String provider) {
        return new OpenAiCompatibleClient(new Endpoint(provider, stub.baseUrl() + "/v1", KEY, Duration.ofSeconds(5),
                List.of()), true, stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private JsonNode sentBody(String path) {
        return json(stub.server().findAll(postRequestedFor(urlPathEqualTo(path))).get(0).getBodyAsString());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
