package dev.switchboard.adapters.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

class OpenAiCompatibleClientTest {

    private static final String KEY = "sk-test-0123456789abcdefghijklmnop";
    private static final String HELLO = """
            {"model":"openai/gpt-4o-mini","messages":[{"role":"system","content":"be brief"},
             {"role":"user","content":"hello"}],"temperature":0.2,"models":["openai/gpt-4o-mini","groq/x"]}""";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void plainTextKeepsTheBodyAndReadsTokens() {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(okJson(fixture("openai/chat-completion.json"))));

        ProviderResponse response = client("openai").complete(request("openai", "gpt-4o-mini", HELLO)).await().atMost(WAIT);

        assertThat(response.completion().at("/choices/0/message/content").asText())
                .isEqualTo("Hello! How can I assist you today?");
        assertThat(TokenUsage.of(response.completion().get("usage"))).isEqualTo(new TokenUsage(19, 10, 3, 0, 0, 0));
        assertThat(response.droppedParameters()).isEmpty();
        JsonNode sent = sentBody();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.has("models")).as("the gateway's fallback list stays in the gateway").isFalse();
        assertThat(sent.has("stream")).isFalse();
        stub.server().verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void toolsImagesAndJsonModeGoThroughAndToolCallsComeBack() {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(okJson(fixture("openai/tool-call.json"))));
        String body = """
                {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is in this image, and what is the weather there?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}],
                 "tools":[{"type":"function","function":{"name":"get_current_weather","parameters":{"type":"object",
                   "properties":{"location":{"type":"string"}},"required":["location"]}}}],
                 "tool_choice":"auto","response_format":{"type":"json_object"}}""";

        ProviderResponse response = client("openai").complete(request("openai", "gpt-4o-mini", body)).await().atMost(WAIT);

        assertThat(response.completion().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(response.completion().at("/choices/0/message/tool_calls/0/function/name").asText())
                .isEqualTo("get_current_weather");
        JsonNode sent = sentBody();
        assertThat(sent.at("/messages/0/content/1/image_url/url").asText()).startsWith("data:image/png;base64,");
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_current_weather");
        assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(sent.path("tool_choice").asText()).isEqualTo("auto");
    }

    @Test
    void reasoningModelsGetMaxCompletionTokensAndNoSampling() {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(okJson(fixture("openai/reasoning.json"))));
        String body = """
                {"model":"openai/o3-mini","messages":[{"role":"user","content":"6 x 7?"}],"max_tokens":500,
                 "temperature":0.7,"top_p":0.9}""";

        ProviderResponse response = client("openai").complete(request("openai", "o3-mini", body)).await().atMost(WAIT);

        JsonNode sent = sentBody();
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(500);
        assertThat(sent.has("max_tokens")).isFalse();
        assertThat(sent.has("temperature")).isFalse();
        assertThat(response.droppedParameters()).containsExactly("temperature", "top_p");
        assertThat(client("openai").streamDroppedParameters(request("openai", "o3-mini", body)))
                .as("a stream reports the same parameters up front").containsExactly("temperature", "top_p");
        assertThat(TokenUsage.of(response.completion().get("usage")).reasoning()).isEqualTo(112);
    }

    @Test
    void openRouterCacheWritesAndDeepSeekCacheHitsAreRead() {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(okJson(fixture("openai/openrouter-cache-write.json"))));
        ProviderResponse routed = client("openrouter")
                .complete(request("openrouter", "anthropic/claude-sonnet-4.5", HELLO)).await().atMost(WAIT);
        assertThat(TokenUsage.of(routed.completion().get("usage"))).isEqualTo(new TokenUsage(2110, 9, 0, 0, 2048, 0));

        stub.server().resetAll();
        stub.server().stubFor(post("/v1/chat/completions").willReturn(okJson(fixture("openai/deepseek-cache-hit.json"))));
        ProviderResponse deepSeek = client("deepseek").complete(request("deepseek", "deepseek-reasoner", HELLO))
                .await().atMost(WAIT);
        assertThat(TokenUsage.of(deepSeek.completion().get("usage")))
                .as("DeepSeek names its cache hits prompt_cache_hit_tokens")
                .isEqualTo(new TokenUsage(1280, 96, 1024, 88, 0, 0));
    }

    @Test
    void streamAsksForUsageEvenWhenTheClientDidNot() {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(fixture("openai/stream.sse"))));
        String body = """
                {"model":"openai/gpt-4o-mini","stream":true,"stream_options":{"include_usage":false},
                 "messages":[{"role":"user","content":"hi"}]}""";

        client("openai").stream(request("openai", "gpt-4o-mini", body)).collect().asList().await().atMost(WAIT);

        assertThat(sentBody().at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamAsksForUsageAndEndsAtDone() {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(fixture("openai/stream.sse"))));
        String body = """
                {"model":"groq/llama-3.3-70b-versatile","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        List<ObjectNode> chunks = client("groq").stream(request("groq", "llama-3.3-70b-versatile", body))
                .collect().asList().await().atMost(WAIT);

        assertThat(chunks).hasSize(5);
        assertThat(chunks.get(1).at("/choices/0/delta/content").asText()).isEqualTo("Hello");
        assertThat(chunks.get(3).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(4).at("/usage/total_tokens").asInt()).isEqualTo(11);
        JsonNode sent = sentBody();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamCutMidWayIsAnError() {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(fixture("openai/stream-cut.sse"))));
        String body = """
                {"model":"openrouter/openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        var chunks = client("openrouter").stream(request("openrouter", "openai/gpt-4o-mini", body));

        assertThatThrownBy(() -> chunks.collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.NETWORK));
    }

    @ParameterizedTest
    @CsvSource({
            "429, openai/error-rate-limit.json, RATE_LIMITED",
            "503, openai/error-bad-request.json, OVERLOADED",
            "500, openai/error-bad-request.json, SERVER_ERROR",
            "401, openai/error-auth.json, AUTH",
            "400, openai/error-context-length.json, CONTEXT_LENGTH",
            "400, openai/error-content-filter.json, CONTENT_FILTER",
            "404, openai/error-model-not-found.json, MODEL_NOT_FOUND",
            "400, openai/error-bad-request.json, BAD_REQUEST" })
    void providerErrorsAreClassified(int status, String body, ErrorClass expected) {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("retry-after-ms", "1500")
                .withBody(fixture(body))));

        var call = client("openai").complete(request("openai", "gpt-4o-mini", HELLO));

        assertThatThrownBy(() -> call.await().atMost(WAIT)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(expected);
            assertThat(e.error().providerStatus()).isEqualTo(status);
            assertThat(e.getMessage()).startsWith("openai answered " + status).doesNotContain("sk-proj-");
            if (expected == ErrorClass.RATE_LIMITED || expected == ErrorClass.OVERLOADED) {
                assertThat(e.error().retryAfterMs()).isEqualTo(1500L);
            }
        });
    }

    @Test
    void unreachableProviderIsANetworkError() {
        int closedPort = stub.server().port();
        stub.server().stop();
        var client = new OpenAiCompatibleClient(new Endpoint("openai", "http://127.0.0.1:" + closedPort + "/v1", KEY,
                Duration.ofSeconds(2), List.of()), true, stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);

        assertThatThrownBy(() -> client.complete(request("openai", "gpt-4o-mini", HELLO)).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.NETWORK));
    }

    @Test
    void slowProviderIsATimeout() {
        stub.server().stubFor(post("/v1/chat/completions").willReturn(okJson(fixture("openai/chat-completion.json"))
                .withFixedDelay(3_000)));
        var client = new OpenAiCompatibleClient(new Endpoint("openai", stub.baseUrl() + "/v1", KEY, Duration.ofMillis(500),
                List.of()), true, stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);

        assertThatThrownBy(() -> client.complete(request("openai", "gpt-4o-mini", HELLO)).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.TIMEOUT));
    }

    @Test
    void modelsAreListed() {
        stub.server().stubFor(get("/v1/models").willReturn(okJson(fixture("openai/models.json"))));

        assertThat(client("openai").models().await().atMost(WAIT)).containsExactly(ListedModel.id("gpt-4o-mini"),
                ListedModel.id("o3-mini"));
    }

    @Test
    void openRouterListsLimitsModalitiesAndParametersAndAllAreKept() {
        stub.server().stubFor(get("/v1/models").willReturn(okJson(fixture("openai/openrouter-models.json"))));

        List<ListedModel> models = client("openrouter").models().await().atMost(WAIT);

        assertThat(models).extracting(ListedModel::id).containsExactly("openai/gpt-4o-mini", "anthropic/claude-sonnet-4");
        ListedModel mini = models.get(0);
        assertThat(mini.displayName()).isEqualTo("OpenAI: GPT-4o-mini");
        assertThat(mini.contextWindow()).isEqualTo(128_000);
        assertThat(mini.maxOutputTokens()).isEqualTo(16_384);
        assertThat(mini.inputModalities()).containsExactly("text", "image", "file");
        assertThat(mini.supportedParameters()).contains("tools", "response_format", "structured_outputs");
    }

    @Test
    void groqStatesItsWindowUnderItsOwnNames() {
        stub.server().stubFor(get("/v1/models").willReturn(okJson("""
                {"object":"list","data":[{"id":"llama-3.3-70b-versatile","object":"model","created":1733447754,
                 "owned_by":"Meta","active":true,"context_window":131072,"public_apps":null,"max_completion_tokens":32768}]}
                """)));

        assertThat(client("groq").models().await().atMost(WAIT)).containsExactly(new ListedModel("llama-3.3-70b-versatile",
                null, null, 131_072, 32_768, null, null, null));
    }

    @Test
    void azureUsesTheDeploymentUrlApiVersionAndApiKeyHeader() {
        stub.server().stubFor(post(urlPathEqualTo("/openai/deployments/my-gpt4o/chat/completions"))
                .willReturn(okJson(fixture("openai/chat-completion.json"))));
        var azure = new AzureOpenAiClient(new Endpoint("azure-openai", stub.baseUrl(), "0123456789abcdef0123456789abcdef",
                Duration.ofSeconds(5), List.of()), "2024-10-21", stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);

        ProviderResponse response = azure.complete(request("azure-openai", "my-gpt4o", HELLO)).await().atMost(WAIT);

        assertThat(response.completion().path("object").asText()).isEqualTo("chat.completion");
        stub.server().verify(postRequestedFor(urlPathEqualTo("/openai/deployments/my-gpt4o/chat/completions"))
                .withQueryParam("api-version", equalTo("2024-10-21"))
                .withHeader("api-key", equalTo("0123456789abcdef0123456789abcdef"))
                .withoutHeader("Authorization")
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("hello"))));
        assertThat(sentBody().has("model")).isFalse();
    }

    @Test
    void missingKeyOrBaseUrlDisablesTheProvider() {
        var noKey = new OpenAiCompatibleClient(new Endpoint("openai", "https://api.openai.com/v1", null, WAIT, List.of()),
                true, stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);
        var noUrl = new OpenAiCompatibleClient(new Endpoint("openai-compatible", null, null, WAIT, List.of()), false,
                stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);

        assertThat(noKey.disabledReason()).contains("no API key");
        assertThat(noUrl.disabledReason()).contains("no base URL");
        assertThat(client("openai").disabledReason()).isNull();
    }

    private OpenAiCompatibleClient client(String provider) {
        return new OpenAiCompatibleClient(new Endpoint(provider, stub.baseUrl() + "/v1", KEY, Duration.ofSeconds(5),
                List.of()), true, stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private static CompletionRequest request(String provider, String model, String body) {
        return ProviderTestSupport.request(provider, model, body);
    }

    private JsonNode sentBody() {
        return json(stub.server().getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
