package dev.switchboard.router.rest.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
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
import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;

@QuarkusTest
class ResponsesResourceTests extends FakeAdapterTests {

    /** A model the registry knows to call functions, on a provider that gets Responses translated to chat. */
    private static final String WITH_TOOLS = "anthropic/claude-3-7-sonnet-latest";
    private static final String WEATHER_TOOL = """
            {"type":"function","name":"get_weather","description":"The weather in a city",
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void warmUp() {
        // The fake adapter answers once its consumer has joined; ollama, which no test here uses, takes the wait.
        withKey()
                .body("{\"model\":\"ollama/llama3.2:3b\",\"input\":\"warm up\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200);
    }

    @Test
    void aStringInputGoesOutAsChatAndComesBackAsAResponse() throws Exception {
        withKey()
                .body("""
                        {"model":"mock/echo","input":"plain hello","instructions":"Be brief.","max_output_tokens":32,
                         "temperature":0.5,"top_p":0.9,"user":"user-7","metadata":{"ticket":"T-1"}}""")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Switchboard-Provider", "mock")
                .body("object", is("response"))
                .body("id", startsWith("resp_"))
                .body("status", is("completed"))
                .body("model", is("mock/echo"))
                .body("instructions", is("Be brief."))
                .body("metadata.ticket", is("T-1"))
                .body("error", nullValue())
                .body("output[0].type", is("message"))
                .body("output[0].id", startsWith("msg_"))
                .body("output[0].role", is("assistant"))
                .body("output[0].content[0].type", is("output_text"))
                .body("output[0].content[0].text", is("plain hello"))
                // The fake provider counts a token per word of the prompt.
                .body("usage.input_tokens", is(2));

        CompletionRequest sent = adapter.lastRequest("echo");
        assertThat(sent.operation()).isEqualTo(Operation.CHAT);
        assertThat(sent.callerOperation()).isEqualTo(Operation.RESPONSES);
        assertThat(sent.dialect()).isEqualTo(Dialect.OPENAI);
        assertThat(sent.body().get("messages")).isEqualTo(mapper.readTree("""
                [{"role":"system","content":"Be brief."},{"role":"user","content":"plain hello"}]"""));
        assertThat(sent.body().path("max_completion_tokens").asInt()).isEqualTo(32);
        assertThat(sent.body().path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(sent.body().path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.body().path("user").asText()).isEqualTo("user-7");
        assertThat(sent.body().at("/metadata/ticket").asText()).isEqualTo("T-1");
    }

    @Test
    void aFunctionCallRoundTripGoesOutAsChatToolCallsAndToolMessages() throws Exception {
        withKey()
                .body("""
                        {"model":"%s","input":[
                           {"role":"user","content":"weather in Paris?"},
                           {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                           {"type":"function_call_output","call_id":"call_1","output":"sunny"},
                           {"type":"message","role":"user","content":[{"type":"input_text","text":"round trip"}]}],
                         "tools":[%s],"tool_choice":{"type":"function","name":"get_weather"},"parallel_tool_calls":false,
                         "text":{"format":{"type":"json_schema","name":"answer","strict":true,
                                           "schema":{"type":"object","properties":{"text":{"type":"string"}}}}},
                         "reasoning":{"effort":"low"}}"""
                        .formatted(WITH_TOOLS, WEATHER_TOOL))
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .body("output[0].content[0].text", is("round trip"))
                .body("tool_choice.name", is("get_weather"))
                .body("parallel_tool_calls", is(false));

        JsonNode sent = adapter.request("round trip").body();
        assertThat(sent.get("messages")).isEqualTo(mapper.readTree("""
                [{"role":"user","content":"weather in Paris?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                   "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"sunny"},
                 {"role":"user","content":"round trip"}]"""));
        assertThat(sent.at("/tools/0")).isEqualTo(mapper.readTree("""
                {"type":"function","function":{"name":"get_weather","description":"The weather in a city",
                 "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}"""));
        assertThat(sent.get("tool_choice")).isEqualTo(mapper.readTree("""
                {"type":"function","function":{"name":"get_weather"}}"""));
        assertThat(sent.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(sent.at("/response_format/json_schema/name").asText()).isEqualTo("answer");
        assertThat(sent.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(sent.path("reasoning_effort").asText()).isEqualTo("low");
    }

    @Test
    void aToolCallComesBackAsAFunctionCallItem() {
        withKey()
                .body("{\"model\":\"" + WITH_TOOLS + "\",\"input\":\"" + FakeAdapter.TOOL_CALL + "\",\"tools\":[" + WEATHER_TOOL
                        + "]}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .body("status", is("completed"))
                .body("output.size()", is(1))
                .body("output[0].type", is("function_call"))
                .body("output[0].id", startsWith("fc_"))
                .body("output[0].call_id", is("call_1"))
                .body("output[0].name", is("get_weather"))
                .body("output[0].arguments", is(FakeAdapter.TOOL_ARGUMENTS))
                .body("output[0].status", is("completed"));
    }

    @Test
    void aChatStreamComesBackAsTheResponsesEventSequence() throws Exception {
        String events = withKey()
                .body("{\"model\":\"mock/echo\",\"input\":\"one two three\",\"stream\":true}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .extract().asString();

        assertThat(eventNames(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        for (int i = 0; i < 11; i++) {
            assertThat(data(events, i).path("sequence_number").asInt()).isEqualTo(i);
        }
        assertThat(data(events, 0).at("/response/status").asText()).isEqualTo("in_progress");
        assertThat(data(events, 4).path("delta").asText()).isEqualTo("one");
        assertThat(data(events, 4).path("item_id").asText()).startsWith("msg_");
        JsonNode completed = data(events, 10).path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo("onetwothree");
        assertThat(completed.at("/usage/input_tokens").asInt()).isEqualTo(3);
        assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(3);
        assertThat(adapter.lastRequest("echo").body().at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void aStreamedToolCallComesAsFunctionCallArgumentDeltas() throws Exception {
        String events = withKey()
                .body("{\"model\":\"" + WITH_TOOLS + "\",\"input\":\"" + FakeAdapter.TOOL_CALL
                        + "\",\"stream\":true,\"tools\":["
                        + WEATHER_TOOL + "]}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .extract().asString();

        assertThat(eventNames(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        assertThat(data(events, 2).at("/item/name").asText()).isEqualTo("get_weather");
        assertThat(data(events, 2).at("/item/call_id").asText()).isEqualTo("call_1");
        assertThat(data(events, 5).path("arguments").asText()).isEqualTo(FakeAdapter.TOOL_ARGUMENTS);
        assertThat(data(events, 7).at("/response/output/0/arguments").asText()).isEqualTo(FakeAdapter.TOOL_ARGUMENTS);
    }

    @Test
    void aStreamThatBreaksEndsWithResponseFailed() throws Exception {
        String events = withKey()
                .body("{\"model\":\"mock/echo\",\"input\":\"" + FakeAdapter.STREAM_BREAK + "\",\"stream\":true}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .extract().asString();

        List<String> names = eventNames(events);
        assertThat(names.get(names.size() - 1)).isEqualTo("response.failed");
        JsonNode failed = data(events, names.size() - 1).path("response");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asText()).isEqualTo("network");
        assertThat(failed.at("/output/0/content/0/text").asText()).isEqualTo(FakeAdapter.STREAM_BREAK);
    }

    @Test
    void reasoningInTheInputIsStrippedAndNamedForAProviderThatCannotReadIt() {
        withKey()
                .body("""
                        {"model":"mock/echo","input":[
                           {"role":"user","content":"first"},
                           {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAB..."},
                           {"type":"message","role":"assistant","content":[{"type":"output_text","text":"an answer"}]},
                           {"role":"user","content":"stripped reasoning"}],
                         "include":["reasoning.encrypted_content"]}""")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Dropped", "reasoning")
                .header("X-Switchboard-Dropped-Params", "include");

        assertThat(adapter.request("stripped reasoning").body().get("messages")).hasSize(3);
    }

    @Test
    void badInputGetsA400InOpenAIsShapeNamingTheField() {
        withKey()
                .body("{\"model\":\"mock/echo\",\"input\":[{\"type\":\"telepathy\",\"thought\":\"hi\"}]}")
                .when().post("/v1/responses")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is("input[0].type"))
                .body("error.message", containsString("'telepathy'"));

        withKey()
                .body("{\"model\":\"mock/echo\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(400)
                .body("error.param", is("input"));

        withKey()
                .body("{\"model\":\"mock/echo\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\"}}}")
                .when().post("/v1/responses")
                .then()
                .statusCode(400)
                .body("error.param", is("text.format.name"));
    }

    @Test
    void aBuiltInToolForAProviderWithoutItIsA400NamingTheTool() {
        withKey()
                .body("{\"model\":\"mock/echo\",\"input\":\"search\",\"tools\":[{\"type\":\"web_search\"}]}")
                .when().post("/v1/responses")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is("tools[0].type"))
                .body("error.message", containsString("'web_search'"));

        assertThat(adapter.received("search")).isZero();
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
