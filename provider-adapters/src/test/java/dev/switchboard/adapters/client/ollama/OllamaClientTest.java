package dev.switchboard.adapters.client.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.adapters.client.ProviderTestSupport.WAIT;
import static dev.switchboard.adapters.client.ProviderTestSupport.fixture;
import static dev.switchboard.adapters.client.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

class OllamaClientTest {

    private static final String CHAT = "/api/chat";
    private static final String WEATHER_TOOL = """
            {"type":"function","function":{"name":"get_weather","description":"The weather in a city","strict":true,
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";
    private static final String HELLO = """
            {"model":"ollama/llama3.2:3b","messages":[{"role":"user","content":"hello"}]}""";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void plainTextSendsMessagesAndOptionsAndReadsCounts() {
        stub.server().stubFor(post(CHAT).willReturn(okJson(fixture("ollama/chat.json"))));
        String body = """
                {"model":"ollama/llama3.2:3b","messages":[{"role":"system","content":"be brief"},
                  {"role":"developer","content":"no jargon"},{"role":"user","content":"why is the sky blue?"}],
                 "temperature":0.2,"top_p":0.8,"max_tokens":64,"stop":["\\n\\n","END"],"seed":11,
                 "presence_penalty":0.1,"frequency_penalty":0.2,"logit_bias":{"17":5},"user":"u-1",
                 "models":["ollama/llama3.2:3b","mock/echo"]}""";

        ProviderResponse response = client(stub.baseUrl(), null).complete(request("llama3.2:3b", body)).await()
                .atMost(WAIT);

        assertThat(sentBody()).isEqualTo(json("""
                {"model":"llama3.2:3b","stream":false,
                 "messages":[{"role":"system","content":"be brief"},{"role":"system","content":"no jargon"},
                  {"role":"user","content":"why is the sky blue?"}],
                 "options":{"temperature":0.2,"top_p":0.8,"num_predict":64,"seed":11,"presence_penalty":0.1,
                  "frequency_penalty":0.2,"stop":["\\n\\n","END"]}}"""));
        stub.server().verify(postRequestedFor(urlEqualTo(CHAT)).withHeader("Authorization", absent()));
        JsonNode completion = response.completion();
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/0/message/content").asText())
                .isEqualTo("Rayleigh scattering: short blue wavelengths scatter the most.");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.at("/usage/total_tokens").asLong()).isEqualTo(39);
        assertThat(TokenUsage.of(completion.get("usage"))).isEqualTo(new TokenUsage(26, 13, 0, 0, 0, 0));
        assertThat(response.droppedParameters()).containsExactlyInAnyOrder("logit_bias", "user");
    }

    @Test
    void toolCallsComeBackWithIdsAndArgumentsAsAJsonString() {
        stub.server().stubFor(post(CHAT).willReturn(okJson(fixture("ollama/chat-tool-call.json"))));
        String body = """
                {"model":"ollama/qwen3:8b","messages":[{"role":"user","content":"Weather in Toronto?"}],
                 "tools":[%s],"tool_choice":"auto"}""".formatted(WEATHER_TOOL);

        ProviderResponse response = client(stub.baseUrl(), null).complete(request("qwen3:8b", body)).await()
                .atMost(WAIT);

        JsonNode tool = sentBody().at("/tools/0");
        assertThat(tool.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(tool.at("/function/parameters")).isEqualTo(json(WEATHER_TOOL).at("/function/parameters"));
        assertThat(tool.at("/function").has("strict")).isFalse();
        assertThat(response.droppedParameters()).isEmpty();
        JsonNode message = response.completion().at("/choices/0/message");
        assertThat(message.path("content").isNull()).isTrue();
        assertThat(message.path("reasoning_content").asText()).startsWith("The user wants the weather");
        assertThat(message.at("/tool_calls/0/id").asText()).startsWith("call_");
        assertThat(message.at("/tool_calls/0/type").asText()).isEqualTo("function");
        assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(json(message.at("/tool_calls/0/function/arguments").asText()))
                .isEqualTo(json("{\"city\":\"Toronto\"}"));
        assertThat(response.completion().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void toolResultsGoBackWithTheToolNameAndCallsWithObjectArguments() {
        stub.server().stubFor(post(CHAT).willReturn(okJson(fixture("ollama/chat-after-tool.json"))));
        String body = """
                {"model":"ollama/qwen3:8b","tools":[%s],"messages":[
                  {"role":"user","content":"Weather in Toronto?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_5e2a_0","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Toronto\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_5e2a_0","content":"11 degrees celsius"}]}"""
                .formatted(WEATHER_TOOL);

        ProviderResponse response = client(stub.baseUrl(), null).complete(request("qwen3:8b", body)).await()
                .atMost(WAIT);

        assertThat(sentBody().get("messages")).isEqualTo(json("""
                [{"role":"user","content":"Weather in Toronto?"},
                 {"role":"assistant","content":"","tool_calls":[{"id":"call_5e2a_0",
                   "function":{"name":"get_weather","arguments":{"city":"Toronto"}}}]},
                 {"role":"tool","content":"11 degrees celsius","tool_name":"get_weather","tool_call_id":"call_5e2a_0"}]"""));
        assertThat(response.completion().at("/choices/0/message/content").asText())
                .isEqualTo("It is 11 °C in Toronto right now.");
        assertThat(response.completion().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void toolChoiceNoneSendsNoToolsAndRequiredIsReportedAsDropped() {
        stub.server().stubFor(post(CHAT).willReturn(okJson(fixture("ollama/chat.json"))));
        String none = """
                {"model":"ollama/qwen3:8b","messages":[{"role":"user","content":"hi"}],"tools":[%s],
                 "tool_choice":"none"}""".formatted(WEATHER_TOOL);
        String required = none.replace("\"none\"", "\"required\"");

        ProviderResponse noTools = client(stub.baseUrl(), null).complete(request("qwen3:8b", none)).await().atMost(WAIT);
        JsonNode sentWithoutTools = sentBody();
        stub.server().resetRequests();
        ProviderResponse forced = client(stub.baseUrl(), null).complete(request("qwen3:8b", required)).await()
                .atMost(WAIT);

        assertThat(sentWithoutTools.has("tools")).isFalse();
        assertThat(noTools.droppedParameters()).isEmpty();
        assertThat(sentBody().get("tools")).hasSize(1);
        assertThat(forced.droppedParameters()).containsExactly("tool_choice");
    }

    @Test
    void imagesFromDataUrlsGoAsBareBase64() {
        stub.server().stubFor(post(CHAT).willReturn(okJson(fixture("ollama/chat-image.json"))));
        String body = """
                {"model":"ollama/llava:7b","max_completion_tokens":12,"messages":[{"role":"user","content":[
                  {"type":"text","text":"What is in this picture?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="}}]}]}""";

        ProviderResponse response = client(stub.baseUrl(), null).complete(request("llava:7b", body)).await()
                .atMost(WAIT);

        assertThat(sentBody().at("/messages/0")).isEqualTo(json("""
                {"role":"user","content":"What is in this picture?","images":["iVBORw0KGgoAAAANSUhEUg=="]}"""));
        assertThat(sentBody().at("/options/num_predict").asInt()).isEqualTo(12);
        assertThat(response.completion().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void webImagesAndSeveralChoicesAreRefused() {
        String webImage = """
                {"model":"ollama/llava:7b","messages":[{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}""";
        String twoChoices = """
                {"model":"ollama/llama3.2:3b","n":2,"messages":[{"role":"user","content":"hi"}]}""";

        assertRefused(client(stub.baseUrl(), null).complete(request("llava:7b", webImage)), "base64 only");
        assertRefused(client(stub.baseUrl(), null).complete(request("llama3.2:3b", twoChoices)), "n must be 1");
    }

    @Test
    void jsonObjectModeAsksForJson() {
        stub.server().stubFor(post(CHAT).willReturn(okJson(fixture("ollama/chat-json.json"))));
        String body = """
                {"model":"ollama/llama3.1:8b","messages":[{"role":"user","content":"Age and availability as JSON"}],
                 "response_format":{"type":"json_object"}}""";

        ProviderResponse response = client(stub.baseUrl(), null).complete(request("llama3.1:8b", body)).await()
                .atMost(WAIT);

        assertThat(sentBody().path("format").asText()).isEqualTo("json");
        assertThat(json(response.completion().at("/choices/0/message/content").asText()).path("age").asInt())
                .isEqualTo(22);
    }

    @Test
    void jsonSchemaModeSendsTheSchemaAsTheFormat() {
        stub.server().stubFor(post(CHAT).willReturn(okJson(fixture("ollama/chat-json.json"))));
        String schema = """
                {"type":"object","properties":{"age":{"type":"integer"},"available":{"type":"boolean"}},
                 "required":["age","available"]}""";
        String body = """
                {"model":"ollama/llama3.1:8b","messages":[{"role":"user","content":"Age and availability as JSON"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"person","schema":%s}}}"""
                .formatted(schema);

        client(stub.baseUrl(), null).complete(request("llama3.1:8b", body)).await().atMost(WAIT);

        assertThat(sentBody().get("format")).isEqualTo(json(schema));
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {
            "404, ollama/error-model-not-found.json, MODEL_NOT_FOUND, try pulling it first",
            "400, ollama/error-bad-request.json, BAD_REQUEST, this model only supports one image",
            "429, ollama/error-rate-limit.json, RATE_LIMITED, too many requests",
            "500, ollama/error-server.json, SERVER_ERROR, model requires more system memory",
            "502, ollama/error-bad-gateway.json, SERVER_ERROR, remote model is unavailable" })
    void ollamaErrorsAreClassified(int status, String body, ErrorClass expected, String message) {
        stub.server().stubFor(post(CHAT).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(fixture(body))));

        var call = client(stub.baseUrl(), null).complete(request("llama3.2:3b", HELLO));

        assertThatThrownBy(() -> call.await().atMost(WAIT)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(expected);
            assertThat(e.error().providerStatus()).isEqualTo(status);
            assertThat(e.getMessage()).startsWith("ollama answered " + status + ": ").contains(message);
        });
    }

    @Test
    void anOllamaThatIsNotRunningIsANetworkError() {
        int closedPort = stub.server().port();
        stub.server().stop();
        var client = client("127.0.0.1:" + closedPort, null);

        assertThatThrownBy(() -> client.complete(request("llama3.2:3b", HELLO)).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.NETWORK));
        assertThat(client.disabledReason()).as("enabled when reachable, so never disabled up front").isNull();
    }

    @Test
    void streamTranslatesNdjsonIntoChunksAndEndsWithUsage() {
        stub.server().stubFor(post(CHAT).willReturn(ndjson(fixture("ollama/stream.ndjson"))));
        String body = """
                {"model":"ollama/llama3.2:3b","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"why is the sky blue?"}]}""";

        List<ObjectNode> chunks = client(stub.baseUrl(), null).stream(request("llama3.2:3b", body)).collect().asList()
                .await().atMost(WAIT);

        assertThat(sentBody().path("stream").asBoolean()).isTrue();
        assertThat(chunks).hasSize(6);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.path("object").asText())
                .isEqualTo("chat.completion.chunk"));
        assertThat(chunks.get(0).at("/choices/0/delta")).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\"}"));
        assertThat(chunks.subList(1, 4)).extracting(chunk -> chunk.at("/choices/0/delta/content").asText())
                .containsExactly("Blue", " light", " scatters most.");
        assertThat(chunks.get(4).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(5).get("choices")).isEmpty();
        assertThat(TokenUsage.of(chunks.get(5).get("usage"))).isEqualTo(new TokenUsage(26, 5, 0, 0, 0, 0));
    }

    @Test
    void streamedToolCallsBecomeToolCallDeltas() {
        stub.server().stubFor(post(CHAT).willReturn(ndjson(fixture("ollama/stream-tool-call.ndjson"))));
        String body = """
                {"model":"ollama/qwen3:8b","stream":true,"tools":[%s],
                 "messages":[{"role":"user","content":"Weather in Tokyo?"}]}""".formatted(WEATHER_TOOL);

        List<ObjectNode> chunks = client(stub.baseUrl(), null).stream(request("qwen3:8b", body)).collect().asList()
                .await().atMost(WAIT);

        assertThat(chunks).hasSize(4);
        JsonNode call = chunks.get(1).at("/choices/0/delta/tool_calls/0");
        assertThat(call.path("index").asInt()).isZero();
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(json(call.at("/function/arguments").asText())).isEqualTo(json("{\"city\":\"Tokyo\"}"));
        assertThat(chunks.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(TokenUsage.of(chunks.get(3).get("usage"))).isEqualTo(new TokenUsage(169, 20, 0, 0, 0, 0));
    }

    @Test
    void streamCutBeforeDoneIsAnError() {
        stub.server().stubFor(post(CHAT).willReturn(ndjson(fixture("ollama/stream-cut.ndjson"))));
        String body = """
                {"model":"ollama/llama3.2:3b","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        var chunks = client(stub.baseUrl(), null).stream(request("llama3.2:3b", body));

        assertThatThrownBy(() -> chunks.collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.NETWORK);
                    assertThat(e.getMessage()).contains("before it was complete");
                });
    }

    @Test
    void anErrorLineMidStreamFailsTheStream() {
        stub.server().stubFor(post(CHAT).willReturn(ndjson(fixture("ollama/stream-error.ndjson"))));
        String body = """
                {"model":"ollama/llama3.2:3b","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        var chunks = client(stub.baseUrl(), null).stream(request("llama3.2:3b", body));

        assertThatThrownBy(() -> chunks.collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
                    assertThat(e.getMessage())
                            .isEqualTo("ollama answered 500: an error was encountered while running the model");
                });
    }

    @Test
    void streamForAMissingModelIsClassifiedLikeAnAnswer() {
        stub.server().stubFor(post(CHAT).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(fixture("ollama/error-model-not-found.json"))));

        var chunks = client(stub.baseUrl(), null).stream(request("llama9:70b", HELLO));

        assertThatThrownBy(() -> chunks.collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND));
    }

    @Test
    void modelsAreTheLocalTagsWithTheirDetails() {
        stub.server().stubFor(get("/api/tags").willReturn(okJson(fixture("ollama/tags.json"))));

        List<ListedModel> models = client(stub.baseUrl(), null).models().await().atMost(WAIT);

        assertThat(models).extracting(ListedModel::id).containsExactly("llama3.2:3b", "qwen3:8b");
        assertThat(models.get(0)).isEqualTo(new ListedModel("llama3.2:3b", null,
                "Local weights: family llama, 3.2B parameters, quantisation Q4_K_M, gguf.", null, null, null, null, true));
    }

    @Test
    void anOllamaHostWithoutSchemeIsReachedAndAKeyIsSentWhenSet() {
        stub.server().stubFor(post(CHAT).willReturn(okJson(fixture("ollama/chat.json"))));
        var client = client("0.0.0.0:" + stub.server().port(), "ollama-cloud-key");

        client.complete(request("llama3.2:3b", HELLO)).await().atMost(WAIT);

        stub.server().verify(postRequestedFor(urlEqualTo(CHAT)).withHeader("Authorization",
                equalTo("Bearer ollama-cloud-key")));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "0.0.0.0:11434, http://127.0.0.1:11434",
            "127.0.0.1:11434, http://127.0.0.1:11434",
            "127.0.0.1, http://127.0.0.1:11434",
            ":11434, http://127.0.0.1:11434",
            "gpu-box:8080, http://gpu-box:8080",
            "http://gpu-box:11434/, http://gpu-box:11434",
            "https://ollama.internal/proxy/, https://ollama.internal/proxy",
            "http://0.0.0.0:11434, http://127.0.0.1:11434",
            "[::]:11434, http://[::1]:11434",
            "none, http://127.0.0.1:11434" })
    void ollamaHostIsNormalised(String address, String baseUrl) {
        assertThat(OllamaHost.baseUrl(address)).isEqualTo(baseUrl);
    }

    private OllamaClient client(String baseUrl, String key) {
        return new OllamaClient(new Endpoint("ollama", baseUrl, key, Duration.ofSeconds(5), List.of()), stub.http(),
                stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private static CompletionRequest request(String model, String body) {
        return ProviderTestSupport.request("ollama", model, body);
    }

    private void assertRefused(Uni<ProviderResponse> call, String because) {
        assertThatThrownBy(() -> call.await().atMost(WAIT)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
            assertThat(e.getMessage()).contains(because);
        });
        assertThat(stub.server().getAllServeEvents()).as("nothing is sent to Ollama").isEmpty();
    }

    private JsonNode sentBody() {
        return json(stub.server().getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private static ResponseDefinitionBuilder ndjson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson").withBody(body);
    }
}
