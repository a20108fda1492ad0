package dev.switchboard.router.rest.messages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;

@QuarkusTest
class MessagesResourceTests extends FakeAdapterTests {

    private static final String CLAUDE = "anthropic/claude-3-7-sonnet-latest";
    /** A beta flag and a body field that no Anthropic API has today: they must reach Anthropic all the same. */
    private static final String FUTURE_BETA = "time-travel-2099-01-01";

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void warmUp() {
        // The fake adapter answers once its consumer has joined; ollama, which no test here uses, takes the wait.
        withKey()
                .body(message("ollama/llama3.2:3b", "warm up", false))
                .when().post("/v1/messages")
                .then()
                .statusCode(200);
    }

    @Test
    void anthropicGetsTheBodyAndHeadersAsSentAndItsMessageComesBackAsItIs() throws Exception {
        String answer = withApiKey()
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", FUTURE_BETA)
                .body("""
                        {"model":"%s","max_tokens":64,"messages":[{"role":"user","content":"native hello"}],
                         "chronology":{"direction":"backwards"}}""".formatted(CLAUDE))
                .when().post("/v1/messages")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Switchboard-Provider", "anthropic")
                .body("type", is("message"))
                .body("content[0].text", is("native hello"))
                .body("usage.input_tokens", is(3))
                .extract().asString();

        assertThat(answer).contains("\"id\":\"msg_011\"");
        CompletionRequest sent = adapter.lastRequest("claude-3-7-sonnet-latest");
        assertThat(sent.operation()).isEqualTo(Operation.MESSAGES);
        assertThat(sent.dialect()).isEqualTo(Dialect.ANTHROPIC);
        assertThat(sent.body().at("/chronology/direction").asText()).isEqualTo("backwards");
        assertThat(sent.forwardHeaders()).containsEntry("anthropic-beta", FUTURE_BETA)
                .containsEntry("anthropic-version", "2023-06-01")
                .doesNotContainKey("x-api-key");
    }

    @Test
    void theCacheKeepsAnswersToDifferentBetaFlagsAndVersionsApart() {
        String body = """
                {"model":"%s","max_tokens":64,"messages":[{"role":"user","content":"cached per beta"}]}"""
                .formatted(CLAUDE);
        cached("2023-06-01", "beta-one", body).header("X-Switchboard-Cache", is("miss"));
        cached("2023-06-01", "beta-one", body).header("X-Switchboard-Cache", is("hit"));
        assertThat(adapter.received("cached per beta")).isEqualTo(1);

        cached("2023-06-01", "beta-two", body).header("X-Switchboard-Cache", is("miss"));
        cached("2099-01-01", "beta-two", body).header("X-Switchboard-Cache", is("miss"));
        assertThat(adapter.received("cached per beta")).isEqualTo(3);
        assertThat(adapter.lastRequest("claude-3-7-sonnet-latest").forwardHeaders())
                .containsEntry("anthropic-version", "2099-01-01");
    }

    private io.restassured.response.ValidatableResponse cached(String version, String beta, String body) {
        return withApiKey()
                .header("anthropic-version", version)
                .header("anthropic-beta", beta)
                .header("X-Switchboard-Cache", "use")
                .body(body)
                .when().post("/v1/messages")
                .then()
                .statusCode(200);
    }

    @Test
    void anthropicEventsReachTheCallerOneByOneWithTheirNames() {
        String events = withApiKey()
                .body(message(CLAUDE, "one two three", true))
                .when().post("/v1/messages")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract().asString();

        assertThat(eventNames(events)).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events).contains("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    }

    @Test
    void anthropicErrorsReachTheCallerWithTheirStatusAndBodyUnchanged() {
        String body = withApiKey()
                .body(message(CLAUDE, FakeAdapter.ANTHROPIC_REFUSES, false))
                .when().post("/v1/messages")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .extract().asString();

        assertThat(body).isEqualTo(FakeAdapter.ANTHROPIC_REFUSAL_BODY);
    }

    @Test
    void otherProvidersGetChatAndTheirAnswerComesBackAsAMessage() throws Exception {
        withKey()
                .body("""
                        {"model":"mock/echo","max_tokens":64,"system":"Be brief.","stop_sequences":["END"],
                         "messages":[{"role":"user","content":"translated hello"}]}""")
                .when().post("/v1/messages")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Provider", "mock")
                .body("type", is("message"))
                .body("role", is("assistant"))
                .body("model", is("mock/echo"))
                .body("id", startsWith("msg_"))
                .body("content[0].type", is("text"))
                .body("content[0].text", is("translated hello"))
                .body("stop_reason", is("end_turn"))
                // The fake provider counts a token per word of the prompt and spends every max_tokens.
                .body("usage.input_tokens", is(2))
                .body("usage.output_tokens", is(64));

        CompletionRequest sent = adapter.lastRequest("echo");
        assertThat(sent.operation()).isEqualTo(Operation.CHAT);
        assertThat(sent.dialect()).isEqualTo(Dialect.ANTHROPIC);
        assertThat(sent.body().at("/messages/0")).isEqualTo(mapper.readTree("""
                {"role":"system","content":"Be brief."}"""));
        assertThat(sent.body().path("stop")).isEqualTo(mapper.readTree("[\"END\"]"));
    }

    @Test
    void aChatStreamComesBackAsAnthropicsEventSequence() throws Exception {
        String events = withKey()
                .body(message("mock/echo", "one two three", true))
                .when().post("/v1/messages")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract().asString();

        assertThat(eventNames(events)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = data(events, 0);
        assertThat(start.at("/message/model").asText()).isEqualTo("mock/echo");
        assertThat(data(events, 2).at("/delta/text").asText()).isEqualTo("one");
        assertThat(data(events, 6).at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(adapter.lastRequest("echo").body().at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void anthropicsReasoningIsStrippedAndNamedWhenAnotherProviderAnswers() {
        withKey()
                .body("""
                        {"model":"mock/echo","max_tokens":64,"messages":[
                          {"role":"user","content":"first"},
                          {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"EqQBCkYIAR"},
                                                         {"type":"text","text":"an answer"}]},
                          {"role":"user","content":"second"}]}""")
                .when().post("/v1/messages")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Dropped", "thinking")
                .body("content[0].text", is("second"));

        assertThat(adapter.lastRequest("echo").body().toString()).doesNotContain("EqQBCkYIAR", "hmm");
    }

    @Test
    void reasoningWrittenFromAnotherProviderIsStrippedBeforeItReachesAnthropic() {
        withApiKey()
                .body("""
                        {"model":"%s","max_tokens":64,"messages":[
                          {"role":"user","content":"first"},
                          {"role":"assistant","content":[{"type":"thinking","thinking":"hmm",
                             "signature":"switchboard.ollama"},{"type":"text","text":"an answer"}]},
                          {"role":"user","content":"kept on anthropic"}]}""".formatted(CLAUDE))
                .when().post("/v1/messages")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Dropped", "thinking")
                .body("content[0].text", is("kept on anthropic"));

        assertThat(adapter.lastRequest("claude-3-7-sonnet-latest").body().toString())
                .doesNotContain("switchboard.ollama").contains("an answer");
    }

    @Test
    void badInputIsRefusedInAnthropicsShape() {
        withApiKey()
                .body("{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .when().post("/v1/messages")
                .then()
                .statusCode(400)
                .body("type", is("error"))
                .body("error.type", is("invalid_request_error"))
                .body("error.message", is("max_tokens: Field required"));

        withApiKey()
                .body("{\"model\":\"mock/echo\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}")
                .when().post("/v1/messages")
                .then()
                .statusCode(400)
                .body("error.message", is("messages.0.role: Input should be 'user' or 'assistant'"));

        withApiKey()
                .body(message("nobody/nothing", "x", false))
                .when().post("/v1/messages")
                .then()
                .statusCode(404)
                .body("type", is("error"))
                .body("error.type", is("not_found_error"));

        given().contentType(ContentType.JSON)
                .body(message("mock/echo", "x", false))
                .when().post("/v1/messages")
                .then()
                .statusCode(401)
                .body("type", is("error"))
                .body("error.type", is("authentication_error"));
    }

    @Test
    void aToolOnlyAnthropicRunsIsRefusedForAnotherProvider() {
        withApiKey()
                .body("""
                        {"model":"openai/gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":"search"}],
                         "tools":[{"type":"web_search_20250305","name":"web_search"}]}""")
                .when().post("/v1/messages")
                .then()
                .statusCode(400)
                .body("type", is("error"))
                .body("error.type", is("invalid_request_error"))
                .body("error.message", startsWith("tools: the tool 'web_search'"));
    }

    @Test
    void anthropicCountsItsOwnTokensAndOthersGetAStatedEstimate() {
        withApiKey()
                .header("anthropic-beta", FUTURE_BETA)
                .body("{\"model\":\"" + CLAUDE + "\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}")
                .when().post("/v1/messages/count_tokens")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Token-Count", "provider")
                .body("input_tokens", is(42));
        CompletionRequest sent = adapter.lastRequest("claude-3-7-sonnet-latest");
        assertThat(sent.operation()).isEqualTo(Operation.COUNT_TOKENS);
        assertThat(sent.forwardHeaders()).containsEntry("anthropic-beta", FUTURE_BETA);

        withApiKey()
                .body("{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"twelve chars\"}]}")
                .when().post("/v1/messages/count_tokens")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Token-Count", "estimate")
                .body("input_tokens", is(3 + 4));

        withApiKey()
                .body("{\"model\":\"mock/echo\"}")
                .when().post("/v1/messages/count_tokens")
                .then()
                .statusCode(400)
                .body("error.message", is("messages: Field required"));
    }

    @Test
    void aCountForAModelNoAdapterServesIsAStatedEstimate() {
        adapter.withdraw("anthropic");
        adapter.withdraw("openai");
        try {
            FakeAdapter.awaitServed("anthropic", false);
            FakeAdapter.awaitServed("openai", false);
            for (String model : List.of(CLAUDE, "openai/gpt-4o-mini")) {
                withApiKey()
                        .body("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"twelve chars\"}]}")
                        .when().post("/v1/messages/count_tokens")
                        .then()
                        .statusCode(200)
                        .header("X-Switchboard-Token-Count", "estimate")
                        .body("input_tokens", is(3 + 4));
            }
        } finally {
            adapter.announce("anthropic");
            adapter.announce("openai");
            FakeAdapter.awaitServed("anthropic", true);
            FakeAdapter.awaitServed("openai", true);
        }
    }

    private static List<String> eventNames(String events) {
        return Arrays.stream(events.split("\n\n"))
                .map(event -> event.substring("event: ".length(), event.indexOf('\n')))
                .toList();
    }

    private JsonNode data(String events, int index) throws Exception {
        String event = events.split("\n\n")[index];
        return mapper.readTree(event.substring(event.indexOf("data: ") + "data: ".length()));
    }

    private static String message(String model, String content, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    private static RequestSpecification withApiKey() {
        return given().header("x-api-key", API_KEY).contentType(ContentType.JSON);
    }
}
