package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;

/**
 * {@code /v1/embeddings} and {@code /v1/models/{id}} through the whole stack, driven by the official OpenAI Java SDK:
 * OpenAI's own embeddings, Gemini's {@code batchEmbedContents}, Ollama's {@code /api/embed} and the built-in mock.
 */
@ExtendWith(SharedStack.class)
class EmbeddingsIT {

    private static final String OPENAI_EMBED = "openai/text-embedding-3-small";
    private static final String GEMINI_EMBED = "gemini/gemini-embedding-001";
    private static final String OLLAMA_EMBED = "ollama/nomic-embed-text";

    private static final String OPENAI_LIST = """
            {"object":"list","model":"text-embedding-3-small","usage":{"prompt_tokens":6,"total_tokens":6},
             "data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5,0.125]},
                     {"object":"embedding","index":1,"embedding":[0.75,0.0,-0.25]}]}""";
    private static final String GEMINI_BATCH = """
            {"embeddings":[{"values":[0.5,0.25,-0.125]},{"values":[-0.5,0.75,0.0]}]}""";
    private static final String OLLAMA_EMBED_ANSWER = """
            {"model":"nomic-embed-text","embeddings":[[0.125,0.5,-0.75],[0.0,-0.25,0.5]],
             "total_duration":14143917,"load_duration":1019500,"prompt_eval_count":7}""";

    private static WireMockServer openAiStub;
    private static WireMockServer nativeStub;
    private static OpenAIClient client;

    @BeforeAll
    static void stub() {
        openAiStub = SharedStack.openAi();
        openAiStub.stubFor(post("/v1/embeddings").willReturn(json(OPENAI_LIST)));
        nativeStub = SharedStack.providers();
        nativeStub.stubFor(post("/v1beta/models/gemini-embedding-001:batchEmbedContents").willReturn(json(GEMINI_BATCH)));
        nativeStub.stubFor(post("/api/embed").willReturn(json(OLLAMA_EMBED_ANSWER)));
        client = OpenAIOkHttpClient.builder().baseUrl(SharedStack.router() + "/v1").apiKey(SharedStack.API_KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void everyProviderEmbedsTwoTextsInOrder() {
        assertThat(vectors(embed(OPENAI_EMBED))).containsExactly(List.of(0.25f, -0.5f, 0.125f), List.of(0.75f, 0.0f, -0.25f));
        assertThat(vectors(embed(GEMINI_EMBED))).containsExactly(List.of(0.5f, 0.25f, -0.125f), List.of(-0.5f, 0.75f, 0.0f));
        assertThat(vectors(embed(OLLAMA_EMBED))).containsExactly(List.of(0.125f, 0.5f, -0.75f), List.of(0.0f, -0.25f, 0.5f));

        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-small")))
                .withRequestBody(matchingJsonPath("$.dimensions", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.encoding_format", equalTo("float"))));
        nativeStub.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents"))
                .withRequestBody(matchingJsonPath("$.requests[1].content.parts[0].text", equalTo("the second text")))
                .withRequestBody(matchingJsonPath("$.requests[0].outputDimensionality", equalTo("3"))));
        nativeStub.verify(postRequestedFor(urlEqualTo("/api/embed"))
                .withRequestBody(matchingJsonPath("$.input[0]", equalTo("the first text")))
                .withRequestBody(matchingJsonPath("$.truncate", equalTo("false"))));
    }

    @Test
    void theAnswerNamesTheModelAndCountsTheTokens() {
        CreateEmbeddingResponse response = embed(OLLAMA_EMBED);

        assertThat(response.model()).isEqualTo(OLLAMA_EMBED);
        assertThat(response.usage().promptTokens()).isEqualTo(7);
        assertThat(response.data()).extracting(Embedding::index).containsExactly(0L, 1L);
    }

    @Test
    void base64IsDecodedToTheSameFloats() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(OPENAI_EMBED).input("only one").encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                .build());

        String encoded = response.data().get(0).embeddingValue().asBase64();
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[] { bytes.getFloat(), bytes.getFloat(), bytes.getFloat() })
                .containsExactly(0.25f, -0.5f, 0.125f);
    }

    @Test
    void theMockEmbedsTheSameTextTheSameWay() {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder().model("mock/embed").input("same text").build();

        List<Float> first = client.embeddings().create(params).data().get(0).embedding();
        List<Float> again = client.embeddings().create(params).data().get(0).embedding();

        assertThat(first).hasSize(16).isEqualTo(again);
    }

    @Test
    void aChatModelIsA400AndAnEmptyInputToo() {
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model("openai/gpt-4o-mini").input("hello").build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.code()).hasValue("model_not_capable"));
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model(OPENAI_EMBED).inputOfArrayOfStrings(List.of()).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).hasValue("input"));
    }

    @Test
    void modelsCanBeRetrievedOneByOne() {
        assertThat(client.models().retrieve(OPENAI_EMBED).id()).isEqualTo(OPENAI_EMBED);
        assertThat(client.models().retrieve("gemini-embedding-001").id()).isEqualTo(GEMINI_EMBED);
        assertThatThrownBy(() -> client.models().retrieve("openai/no-such-model"))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).hasValue("model_not_found"));
    }

    private static CreateEmbeddingResponse embed(String model) {
        return client.embeddings().create(EmbeddingCreateParams.builder().model(model)
                .inputOfArrayOfStrings(List.of("the first text", "the second text")).dimensions(3)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
    }

    private static List<List<Float>> vectors(CreateEmbeddingResponse response) {
        return response.data().stream().map(Embedding::embedding).toList();
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
