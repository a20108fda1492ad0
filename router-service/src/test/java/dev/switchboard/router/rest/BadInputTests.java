package dev.switchboard.router.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.BadInputSuite;
import dev.switchboard.local.testing.ErrorShape;
import dev.switchboard.local.testing.HttpCall;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.RawHttp;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.RegistryStubResource;

/**
 * Runs the router's bad-input corpora ({@link BadInputSuite} runs the chat one): every case is refused in the error
 * shape, and the router serves on after it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
class BadInputTests extends BadInputSuite {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private FakeAdapter adapter;

    @BeforeAll
    void startAdapter() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        adapter = new FakeAdapter(bootstrapServers);
    }

    @AfterAll
    void stopAdapter() throws InterruptedException {
        adapter.close();
    }

    @Override
    protected List<BadInput> corpus() {
        return RouterBadInputs.all();
    }

    @Override
    protected int leastCases() {
        return RouterBadInputs.CHAT_FIELDS.size() * 3 + 1;
    }

    static List<BadInput> newRoutesCorpus() {
        return NewRouteBadInputs.all();
    }

    static List<BadInput> messagesCorpus() {
        return MessagesBadInputs.all();
    }

    /** The Embeddings, Responses and single-model routes refuse in OpenAI's shape, and the router serves on. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("newRoutesCorpus")
    void onTheNewRoutesIsRefusedAndTheRouterServesOn(BadInput input) {
        ErrorShape.assertRefused(port(), input);

        assertServing();
    }

    /** The Messages door refuses in Anthropic's shape, and the router serves both doors on after it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("messagesCorpus")
    void isRefusedInAnthropicsShapeAndTheRouterServesOn(BadInput input) {
        ErrorShape.assertRefused(port(), input);

        assertServing();
        given()
                .header("x-api-key", RouterBadInputs.KEY)
                .contentType(ContentType.JSON)
                .body(MessagesBadInputs.simple())
                .when().post(MessagesBadInputs.MESSAGES)
                .then()
                .statusCode(200)
                .body("type", is("message"));
    }

    @Test
    void theMessagesCallTheWrongTypeCasesStartFromIsAnswered() {
        RawHttp.Answer answer = RawHttp.exchange(port(), MessagesBadInputs.message(MessagesBadInputs.FULL_CALL));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        answer = RawHttp.exchange(port(), MessagesBadInputs.count(MessagesBadInputs.FULL_CALL));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void theCallTheWrongTypeCasesStartFromIsAnswered() {
        RawHttp.Answer answer = RawHttp.exchange(port(), RouterBadInputs.chat(RouterBadInputs.FULL_CALL));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        answer = RawHttp.exchange(port(), RouterBadInputs.chat(RouterBadInputs.withStreamOptions()));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void theEmbeddingsAndResponsesCallsTheWrongTypeCasesStartFromAreAnswered() {
        RawHttp.Answer answer = RawHttp.exchange(port(), NewRouteBadInputs.embed(NewRouteBadInputs.FULL_EMBEDDINGS));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        answer = RawHttp.exchange(port(), NewRouteBadInputs.respond(NewRouteBadInputs.FULL_RESPONSE));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void aBodyWithoutContentTypeIsReadAsJson() {
        HttpCall untyped = RouterBadInputs.chat(RouterBadInputs.simple())
                .body(RouterBadInputs.simple().getBytes(StandardCharsets.UTF_8), null);
        RawHttp.Answer answer = RawHttp.exchange(port(), untyped);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void theCorpusHasACaseForEveryFieldOfTheWrongType() {
        assertThat(newRoutesCorpus()).hasSizeGreaterThan(
                (NewRouteBadInputs.EMBEDDINGS_FIELDS.size() + NewRouteBadInputs.RESPONSE_FIELDS.size()) * 3);
        assertThat(newRoutesCorpus()).extracting(BadInput::name).doesNotHaveDuplicates();
        assertThat(messagesCorpus()).hasSizeGreaterThan(MessagesBadInputs.FIELDS.size() * 3);
        assertThat(messagesCorpus()).extracting(BadInput::name).doesNotHaveDuplicates();
    }

    @Override
    protected void assertAnswering() {
        given()
                .header("Authorization", "Bearer " + RouterBadInputs.KEY)
                .contentType(ContentType.JSON)
                .body(RouterBadInputs.simple())
                .when().post(RouterBadInputs.CHAT)
                .then()
                .statusCode(200)
                .body("choices[0].message.content", is("hello"));
    }
}
