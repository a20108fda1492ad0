package dev.switchboard.router.rest.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;
import dev.switchboard.router.testing.ResponseStoreStub;

/**
 * Responses spoken natively to OpenAI: the caller's items and {@code include} go through unchanged, the provider's
 * response and events come back as sent under Switchboard's response id, a continuation sends the stored conversation
 * and prefers the model that made it, {@code item_reference} items are read from the stored conversation, and OpenAI's
 * refusal of what the caller sent reaches the caller as OpenAI wrote it.
 */
@QuarkusTest
class NativeResponsesTests extends FakeAdapterTests {

    private static final String GPT = "openai/gpt-4o-mini";
    private static final String ENCRYPTED = "gAAAA-opaque";

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void warmUp() {
        withKey()
                .body("{\"model\":\"" + GPT + "\",\"input\":\"warm up\",\"store\":false}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200);
    }

    @Test
    void itemsAndIncludeGoToOpenAiUnchangedAndItsResponseComesBackAsSent() throws Exception {
        String input = """
                [{"role":"user","content":"first"},
                 {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAB-earlier"},
                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"an answer"}]},
                 {"role":"user","content":"native plain"}]""";
        withKey()
                .body("{\"model\":\"" + GPT + "\",\"input\":" + input + ",\"include\":[\"reasoning.encrypted_content\"],"
                        + "\"store\":false,\"tools\":[{\"type\":\"web_search\"}],\"future_field\":7}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Provider", "openai")
                .header("X-Switchboard-Dropped", nullValue())
                .header("X-Switchboard-Dropped-Params", nullValue())
                .body("object", is("response"))
                .body("id", startsWith("resp_"))
                .body("id", not(is("resp_upstream")))
                .body("model", is(GPT))
                .body("output[0].type", is("reasoning"))
                .body("output[0].encrypted_content", is(ENCRYPTED))
                .body("output[1].content[0].text", is("native plain"));

        CompletionRequest sent = adapter.request("native plain");
        assertThat(sent.operation()).isEqualTo(Operation.RESPONSES);
        assertThat(sent.body().get("input")).isEqualTo(mapper.readTree(input));
        assertThat(sent.body().get("include")).isEqualTo(mapper.readTree("[\"reasoning.encrypted_content\"]"));
        assertThat(sent.body().at("/tools/0/type").asText()).as("OpenAI runs its built-in tools").isEqualTo("web_search");
        assertThat(sent.body().path("future_field").asInt()).isEqualTo(7);
        assertThat(sent.body().has("messages")).isFalse();
    }

    @Test
    void aStreamPassesOpenAisEventsAndIsStoredBeforeItsLastEvent() throws Exception {
        String events = withKey()
                .body("{\"model\":\"" + GPT + "\",\"input\":\"native streamed words\",\"stream\":true}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract().asString();

        assertThat(eventNames(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.completed");
        JsonNode completed = data(events, 6).path("response");
        String id = completed.path("id").asText();
        assertThat(id).startsWith("resp_").isNotEqualTo("resp_upstream");
        assertThat(data(events, 0).at("/response/id").asText()).isEqualTo(id);
        assertThat(completed.path("model").asText()).isEqualTo(GPT);
        assertThat(completed.at("/output/0/encrypted_content").asText()).isEqualTo(ENCRYPTED);
        assertThat(ResponseStoreStub.holds(id)).as("stored before the stream's last event went out").isTrue();
        withKey()
                .when().get("/v1/responses/" + id)
                .then()
                .statusCode(200)
                .body("output[1].content[0].text", is("native streamed words"));
    }

    @Test
    void aContinuationSendsTheStoredConversationWithItsEncryptedReasoning() throws Exception {
        String first = withKey()
                .body("{\"model\":\"" + GPT + "\",\"input\":\"native first turn\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .extract().path("id");

        withKey()
                .body("{\"model\":\"" + GPT + "\",\"input\":\"native second turn\",\"previous_response_id\":\"" + first
                        + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .body("previous_response_id", is(first));

        JsonNode sent = adapter.request("native second turn").body();
        assertThat(sent.has("previous_response_id")).as("OpenAI never saw Switchboard's id").isFalse();
        JsonNode items = sent.get("input");
        assertThat(items).hasSize(4);
        assertThat(items.get(0).at("/content/0/text").asText()).isEqualTo("native first turn");
        assertThat(items.get(0).has("id")).as("Switchboard's own input ids stay in Switchboard").isFalse();
        assertThat(items.get(1).path("encrypted_content").asText()).isEqualTo(ENCRYPTED);
        assertThat(items.get(1).path("id").asText()).isEqualTo("rs_upstream");
        assertThat(items.get(2).path("id").asText()).isEqualTo("msg_upstream");
        assertThat(items.get(3).at("/content/0/text").asText()).isEqualTo("native second turn");
    }

    @Test
    void aContinuationLeftToAutoPrefersTheModelThatMadeThePreviousResponse() {
        String auto = "{\"model\":\"auto\",\"input\":\"auto on its own\",\"store\":false}";
        String chosen = withKey().body(auto).when().post("/v1/responses").then().statusCode(200)
                .extract().header("X-Switchboard-Model");
        String previousModel = "ollama/llama3.2:3b";
        assertThat(chosen).as("auto alone picks another model, or the test proves nothing").isNotEqualTo(previousModel);
        String first = withKey()
                .body("{\"model\":\"" + previousModel + "\",\"input\":\"made on ollama\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .extract().path("id");

        withKey()
                .body("{\"model\":\"auto\",\"input\":\"continued by auto\",\"previous_response_id\":\"" + first + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", previousModel)
                .header("X-Switchboard-Route", containsString("continuing on " + previousModel));

        withKey()
                .body("{\"model\":\"" + GPT + "\",\"input\":\"named after ollama\",\"previous_response_id\":\"" + first
                        + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", GPT);
    }

    @Test
    void openAisRefusalOfWhatTheCallerSentReachesTheCallerAsSentPlainAndStreamed() {
        for (boolean stream : new boolean[] { false, true }) {
            String body = withKey()
                    .body("{\"model\":\"" + GPT + "\",\"input\":\"" + FakeAdapter.OPENAI_REFUSES + "\",\"stream\":"
                            + stream + "}")
                    .when().post("/v1/responses")
                    .then()
                    .statusCode(400)
                    .contentType(ContentType.JSON)
                    .header("X-Switchboard-Provider", "openai")
                    .extract().asString();
            assertThat(body).as("streamed: " + stream).isEqualTo(FakeAdapter.OPENAI_REFUSAL_BODY);
        }
    }

    @Test
    void anItemReferenceIsReadFromTheStoredConversation() throws Exception {
        String first = withKey()
                .body("{\"model\":\"mock/echo\",\"input\":\"referenced turn\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .extract().path("id");
        JsonNode stored = mapper.readTree(withKey().when().get("/v1/responses/" + first + "/input_items").then()
                .statusCode(200).extract().asString());
        String inputId = stored.at("/data/0/id").asText();

        withKey()
                .body("{\"model\":\"mock/echo\",\"previous_response_id\":\"" + first + "\",\"input\":["
                        + "{\"type\":\"item_reference\",\"id\":\"" + inputId + "\"},"
                        + "{\"role\":\"user\",\"content\":\"after the reference\"}]}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200);
        JsonNode messages = adapter.request("after the reference").body().get("messages");
        assertThat(messages).extracting(message -> message.path("content").asText()).containsExactly("referenced turn",
                "referenced turn", "referenced turn", "after the reference");

        withKey()
                .body("{\"model\":\"mock/echo\",\"previous_response_id\":\"" + first + "\",\"input\":["
                        + "{\"type\":\"item_reference\",\"id\":\"msg_nowhere\"}]}")
                .when().post("/v1/responses")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is("input[0].id"))
                .body("error.message", containsString("msg_nowhere"));
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
}
