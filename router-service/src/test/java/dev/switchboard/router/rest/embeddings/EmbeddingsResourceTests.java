package dev.switchboard.router.rest.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;

/** {@code POST /v1/embeddings} and {@code GET /v1/models/{id}} through the real Kafka path, with a fake adapter. */
@QuarkusTest
class EmbeddingsResourceTests extends FakeAdapterTests {

    private static final String OPENAI_EMBED = "openai/text-embedding-3-small";
    private static final String OLLAMA_EMBED = "ollama/nomic-embed-text";

    @Override
    protected void warmUp() {
        // The catalog decides which models may embed: it is loaded before any call is judged by it.
        withKey()
                .when().get("/v1/models/" + OPENAI_EMBED)
                .then()
                .statusCode(200);
        // The fake adapter answers once its consumer has joined; ollama, which never fails, takes the wait.
        withKey()
                .body("{\"model\":\"" + OLLAMA_EMBED + "\",\"input\":\"warm up\"}")
                .when().post("/v1/embeddings")
                .then()
                .statusCode(200);
    }

    @Test
    void vectorsComeBackInOrderWithTheModelAndTheTokens() {
        withKey()
                .body("""
                        {"model":"%s","input":["plain hello","second text here"],"dimensions":3,"user":"u-1"}"""
                        .formatted(OPENAI_EMBED))
                .when().post("/v1/embeddings")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Switchboard-Provider", "openai")
                .header("X-Switchboard-Model", OPENAI_EMBED)
                .body("object", is("list"))
                .body("model", is(OPENAI_EMBED))
                .body("data.index", contains(0, 1))
                .body("data[1].object", is("embedding"))
                .body("data[1].embedding", contains(1.5f, -0.25f, 0.125f))
                .body("usage.prompt_tokens", is(5));

        CompletionRequest sent = adapter.request("plain hello");
        assertThat(sent.operation()).isEqualTo(Operation.EMBEDDINGS);
        assertThat(sent.dialect()).isEqualTo(Dialect.OPENAI);
        assertThat(sent.model()).isEqualTo("text-embedding-3-small");
        assertThat(sent.body().path("dimensions").asInt()).isEqualTo(3);
        assertThat(sent.body().path("user").asText()).isEqualTo("u-1");
    }

    @Test
    void base64IsOpenAisLittleEndianFloats() {
        String encoded = withKey()
                .body("{\"model\":\"%s\",\"input\":\"base64 please\",\"encoding_format\":\"base64\"}".formatted(OPENAI_EMBED))
                .when().post("/v1/embeddings")
                .then()
                .statusCode(200)
                .extract().path("data[0].embedding");

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(3 * Float.BYTES);
        assertThat(new float[] { bytes.getFloat(), bytes.getFloat(), bytes.getFloat() })
                .containsExactly(0.5f, -0.25f, 0.125f);
    }

    @Test
    void aProviderThatCannotTakeTheInputFallsBackToTheNextEmbeddingModel() {
        withKey()
                .body("{\"model\":\"%s\",\"input\":[\"%s\"],\"models\":[\"%s\"]}".formatted(OPENAI_EMBED,
                        FakeAdapter.UNSUPPORTED, OLLAMA_EMBED))
                .when().post("/v1/embeddings")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Provider", "ollama")
                .header("X-Switchboard-Fallback", "1")
                .body("model", is(OLLAMA_EMBED));
    }

    @Test
    void aProvidersRefusalReachesTheCallerInOpenAisShape() {
        withKey()
                .body("{\"model\":\"%s\",\"input\":\"%s\"}".formatted(OPENAI_EMBED, FakeAdapter.BAD_REQUEST))
                .when().post("/v1/embeddings")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.code", is("bad_request"));
    }

    @Test
    void autoPicksOnlyEmbeddingModels() {
        withKey()
                .header("X-Switchboard-Policy", "speed_optimized")
                .body("{\"model\":\"auto\",\"input\":\"auto embed\"}")
                .when().post("/v1/embeddings")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", oneOf(OPENAI_EMBED, OLLAMA_EMBED));
    }

    @Test
    void chatsAutoNeverPicksAnEmbeddingModel() {
        // Fast, and first by name among the fast ones: without the kind filter, speed_optimized would pick it.
        withKey()
                .header("X-Switchboard-Policy", "speed_optimized")
                .body("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"auto chat\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", not(oneOf(OPENAI_EMBED, OLLAMA_EMBED)));
    }

    @Test
    void anEmbeddingModelCannotChat() {
        withKey()
                .body("{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".formatted(OLLAMA_EMBED))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.code", is("model_not_capable"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\"}|model",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":[]}|input",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"\"}|input",
            "{\"model\":\"openai/text-embedding-3-small\"}|input",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":42}|input",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"a\",7]}|input[1]",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":[[1,2],[]]}|input[1]",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":[1,-2]}|input[1]",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":[{\"text\":\"a\"}]}|input[0]",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"a\",\"dimensions\":0}|dimensions",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"a\",\"encoding_format\":\"int8\"}|encoding_format",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"a\",\"user\":5}|user",
            "{\"input\":\"a\"}|model" })
    void badInputIsA400NamingTheField(String body, String param) {
        withKey()
                .body(body)
                .when().post("/v1/embeddings")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is(param))
                .body("error.message", not(nullValue()));
    }

    @Test
    void tokenArraysGoThroughAsSent() {
        withKey()
                .body("{\"model\":\"%s\",\"input\":[[1212,318],[257]]}".formatted(OPENAI_EMBED))
                .when().post("/v1/embeddings")
                .then()
                .statusCode(200)
                .body("data.index", contains(0, 1))
                .body("usage.prompt_tokens", is(3));
    }

    @Test
    void theCacheAnswersTheSameQuestionOnceAskedTo() {
        String body = "{\"model\":\"%s\",\"input\":\"cache me\"}".formatted(OPENAI_EMBED);
        withKey().header("X-Switchboard-Cache", "use").body(body)
                .when().post("/v1/embeddings")
                .then().statusCode(200).header("X-Switchboard-Cache", "miss");
        withKey().header("X-Switchboard-Cache", "use").body(body)
                .when().post("/v1/embeddings")
                .then().statusCode(200).header("X-Switchboard-Cache", "hit")
                .body("model", is(OPENAI_EMBED))
                .body("data[0].embedding", contains(0.5f, -0.25f, 0.125f));

        assertThat(adapter.received("cache me")).isEqualTo(1);
    }

    @Test
    void oneModelCanBeRetrievedByItsNameEscapedOrNotOrByItsBareId() {
        withKey().when().get("/v1/models/" + OPENAI_EMBED)
                .then().statusCode(200)
                .body("id", is(OPENAI_EMBED))
                .body("object", is("model"))
                .body("owned_by", is("openai"));
        withKey().urlEncodingEnabled(false).when().get("/v1/models/openai%2Fgpt-4o-mini")
                .then().statusCode(200)
                .body("id", is("openai/gpt-4o-mini"));
        withKey().when().get("/v1/models/gpt-4o-mini")
                .then().statusCode(200)
                .body("id", is("openai/gpt-4o-mini"));
    }

    @Test
    void anUnknownModelIsA404InOpenAisShape() {
        withKey().when().get("/v1/models/openai/gpt-9")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error.type", is("invalid_request_error"))
                .body("error.code", is("model_not_found"));
    }
}
