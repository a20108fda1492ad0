package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;

import dev.switchboard.local.Ports;
import dev.switchboard.local.ServiceProcess;
import dev.switchboard.local.ServiceSpec;
import dev.switchboard.local.Stack;

/**
 * The whole system as `./switchboard up` starts it (embedded Kafka and PostgreSQL, the four services as their own
 * JVMs, and a second router replica), driven by the official OpenAI Java SDK.
 */
class StackIT {

    private static final String API_KEY = "sb-e2e-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String OPENAI_KEY = "sk-e2e-0123456789abcdefghijklmnopqrstuv";
    private static final String OPENAI_COMPLETION = """
            {"id":"chatcmpl-e2e","object":"chat.completion","created":1741569952,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi from the stub","refusal":null},
             "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16,"prompt_tokens_details":{"cached_tokens":2}}}
            """;
    private static final String OPENAI_STREAM = String.join("\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Streamed \"},\"finish_reason\":null}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"from the stub\"},\"finish_reason\":\"stop\"}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}",
            "data: [DONE]", "");

    /** A long answer the stub dribbles out over half a minute, one event at a time. */
    private static final String OPENAI_SLOW_STREAM = "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":\"\"},\"finish_reason\":null}]}\n\n"
            + ("data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tick \"},\"finish_reason\":null}]}\n\n").repeat(60)
            + "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":60,\"total_tokens\":65}}\n\n"
            + "data: [DONE]\n\n";

    private static final String ANTHROPIC_MESSAGE = """
            {"id":"msg_e2e","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
             "content":[{"type":"text","text":"Hi from Claude's stub"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":0,"cache_creation_input_tokens":0}}
            """;
    private static final String GEMINI_ANSWER = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Hi from Gemini's stub"}]},"finishReason":"STOP",
              "index":0}],
             "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":5,"totalTokenCount":13},
             "modelVersion":"gemini-2.0-flash","responseId":"e2e"}
            """;
    private static final String OLLAMA_ANSWER = """
            {"model":"llama3.2:3b","created_at":"2026-11-22T10:00:00Z",
             "message":{"role":"assistant","content":"Hi from Ollama's stub"},"done":true,"done_reason":"stop",
             "prompt_eval_count":9,"eval_count":5}
            """;

    private static WireMockServer openAiStub;
    private static WireMockServer nativeStub;
    private static Stack stack;
    private static String router;
    private static String secondRouter;
    private static String telemetry;
    private static String opsKey;

    @BeforeAll
    static void startStack() throws IOException {
        openAiStub = E2eStack.startStub();
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(OPENAI_STREAM)));
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.user", equalTo("slow-stream")))
                .atPriority(0)
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(OPENAI_SLOW_STREAM)
                        .withChunkedDribbleDelay(62, 30_000)));
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.user", equalTo("rate-limited")))
                .atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "90").withHeader("Content-Type",
                        "application/json").withBody(
                                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                                        + "\"code\":\"rate_limit_exceeded\"}}")));
        openAiStub.stubFor(post("/v1/chat/completions").atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OPENAI_COMPLETION)));
        nativeStub = E2eStack.startStub();
        nativeStub.stubFor(post("/v1/messages").willReturn(json(ANTHROPIC_MESSAGE)));
        nativeStub.stubFor(post("/v1beta/models/gemini-2.0-flash:generateContent").willReturn(json(GEMINI_ANSWER)));
        nativeStub.stubFor(post("/api/chat").willReturn(json(OLLAMA_ANSWER)));
        String nativeUrl = "http://127.0.0.1:" + nativeStub.port();
        stack = E2eStack.start("stack", 2, API_KEY, "sb-admin-" + UUID.randomUUID(),
                Map.of("SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", "http://127.0.0.1:" + openAiStub.port() + "/v1",
                        "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", OPENAI_KEY,
                        "SWITCHBOARD_PROVIDERS_ANTHROPIC_BASE_URL", nativeUrl,
                        "SWITCHBOARD_PROVIDERS_ANTHROPIC_API_KEY", "sk-ant-e2e-0123456789abcdefghijklmnop",
                        "SWITCHBOARD_PROVIDERS_GEMINI_BASE_URL", nativeUrl,
                        "SWITCHBOARD_PROVIDERS_GEMINI_API_KEY", "AIzaE2E0123456789abcdefghijklmnopqrstuv",
                        "SWITCHBOARD_PROVIDERS_OLLAMA_BASE_URL", nativeUrl));
        router = stack.parts().get(Stack.ROUTER);
        secondRouter = stack.parts().get(Stack.ROUTER + "-2");
        telemetry = stack.parts().get(Stack.TELEMETRY);
        opsKey = stack.settings().opsKey();
    }

    @AfterAll
    static void stopStack() {
        E2eStack.stop(stack, openAiStub, nativeStub);
    }

    @Test
    void anthropicGeminiAndOllamaAnswerInTheOpenAiShape() {
        OpenAIClient client = client(router, API_KEY);

        assertThat(answer(client, "anthropic/claude-3-5-haiku-latest")).isEqualTo("Hi from Claude's stub");
        assertThat(answer(client, "gemini/gemini-2.0-flash")).isEqualTo("Hi from Gemini's stub");
        assertThat(answer(client, "ollama/llama3.2:3b")).isEqualTo("Hi from Ollama's stub");

        nativeStub.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(matchingJsonPath("$.system", equalTo("be brief")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user"))));
        nativeStub.verify(postRequestedFor(urlEqualTo("/v1beta/models/gemini-2.0-flash:generateContent"))
                .withHeader("x-goog-api-key", equalTo("AIzaE2E0123456789abcdefghijklmnopqrstuv"))
                .withRequestBody(matchingJsonPath("$.systemInstruction.parts[0].text", equalTo("be brief"))));
        nativeStub.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.2:3b")))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("false"))));
    }

    @Test
    void adapterKilledMidLoadLosesNothingAndUsageIsCountedOnce() throws Exception {
        ServiceSpec adapters = stack.service(Stack.ADAPTERS).spec();
        Map<String, String> env = new java.util.HashMap<>(adapters.environment());
        env.put("SWITCHBOARD_PROVIDERS_MOCK_LATENCY", "400ms");
        env.put("SWITCHBOARD_ADAPTERS_ENABLED", "mock");
        ServiceSpec doomedSpec = new ServiceSpec("adapters-doomed", adapters.module(), Ports.free(), Ports.free(), env);
        ServiceProcess doomed = ServiceProcess.start(doomedSpec, stack.settings().repository(),
                stack.settings().logDirectory(), stack.settings().javaOptions(doomedSpec));
        try {
            await().atMost(Duration.ofSeconds(90)).until(doomed::isReady);
            // Give the group time to hand the new member its share of the partitions.
            Thread.sleep(4_000);
            OpenAIClient client = client(router, API_KEY);
            ExecutorService callers = Executors.newFixedThreadPool(16);
            List<CompletableFuture<String>> calls = new ArrayList<>();
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 48; i++) {
                String prompt = "survivor " + run + " " + i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse()
                            .create(ChatCompletionCreateParams.builder().model("mock/echo").addUserMessage(prompt).build());
                    assertThat(response.parse().choices().get(0).message().content()).hasValue(prompt);
                    return response.headers().values("X-Request-Id").get(0);
                }, callers));
            }
            Thread.sleep(300);
            doomed.kill();
            List<String> requestIds = calls.stream().map(CompletableFuture::join).toList();
            callers.shutdownNow();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String csv = get(telemetry + "/telemetry/export?format=csv&provider=mock").body();
                for (String requestId : requestIds) {
                    assertThat(csv.split(requestId + ",", -1)).as("usage rows of %s", requestId).hasSize(2);
                }
            });
        } finally {
            doomed.kill();
        }
    }

    private static String answer(OpenAIClient client, String model) {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage("be brief")
                .addUserMessage("hello")
                .build());
        assertThat(completion.model()).isEqualTo(model);
        return completion.choices().get(0).message().content().orElse("");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void openAiCallGoesUpstreamWithTheProviderKeyAndComesBackUnchanged() {
        HttpResponseFor<ChatCompletion> response = client(router, API_KEY).chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addSystemMessage("be brief")
                        .addUserMessage("hello upstream")
                        .temperature(0.3)
                        .build());
        ChatCompletion completion = response.parse();

        assertThat(completion.choices().get(0).message().content()).hasValue("Hi from the stub");
        assertThat(completion.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(response.headers().values("X-Switchboard-Provider")).containsExactly("openai");
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + OPENAI_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("hello upstream")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.3"))));
    }

    @Test
    void openAiStreamIsRelayedChunkByChunkAndPricedThoughTheClientAskedNoUsage() throws Exception {
        StringBuilder text = new StringBuilder();
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = client(router, API_KEY).chat().completions()
                .withRawResponse().createStreaming(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addUserMessage("stream please")
                        .build());
        String requestId = response.headers().values("X-Request-Id").get(0);
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            stream.stream().forEach(chunk -> {
                assertThat(chunk.model()).isEqualTo("openai/gpt-4o-mini");
                assertThat(chunk.usage()).as("a usage chunk the client did not ask for").isEmpty();
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            });
        }

        assertThat(text).hasToString("Streamed from the stub");
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode row = exportRow("openai", requestId);
            assertThat(row).as("export row for %s", requestId).isNotNull();
            assertThat(row.path("input_tokens").asLong()).isEqualTo(5);
            assertThat(row.path("output_tokens").asLong()).isEqualTo(3);
            assertThat(row.path("price_source").asText()).isNotEqualTo("unpriced");
            assertThat(row.path("cost_usd").decimalValue()).as("a streamed call's cost").isPositive();
        });
    }

    @Test
    void clientLeavingAStreamCutsTheProviderCallOffAndItIsCountedCancelled() throws Exception {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = client(router, API_KEY).chat().completions()
                .withRawResponse().createStreaming(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addUserMessage("a long story")
                        .user("slow-stream")
                        .build());
        String requestId = response.headers().values("X-Request-Id").get(0);
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            assertThat(stream.stream().findFirst()).isPresent();
        }

        // Uncut, the stub would take 30 s and the attempt would end as a success.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode row = exportRow("openai", requestId);
            assertThat(row).as("export row for %s", requestId).isNotNull();
            assertThat(row.path("outcome").asText()).isEqualTo("cancelled");
            assertThat(row.path("latency_ms").asLong()).isLessThan(20_000);
        });
    }

    @Test
    void mockStreamThroughTheWholeStack() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client(secondRouter, API_KEY).chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("mock/echo")
                        .addUserMessage("words come one by one")
                        .build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(
                    text::append)));
        }

        assertThat(text).hasToString("words come one by one");
    }

    @Test
    void providerRateLimitLongerThanTheDeadlineReachesTheClientAsA429() {
        // Retry-After (90 s) does not fit in the call's 60 s, and o3-mini has no fallback: the 429 goes back at once.
        assertThatThrownBy(() -> client(router, API_KEY).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("openai/o3-mini")
                .addUserMessage("hello")
                .user("rate-limited")
                .build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("Retry-After")).containsExactly("90");
                });
    }

    @Test
    void completionRoundTripsThroughKafkaAndShowsUpInTheCsvExport() throws Exception {
        HttpResponseFor<ChatCompletion> response = client(router, API_KEY).chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("mock/echo")
                        .addUserMessage("hello from the SDK")
                        .build());
        ChatCompletion completion = response.parse();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(completion.model()).isEqualTo("mock/echo");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValue("hello from the SDK");
        assertThat(completion.usage()).hasValueSatisfying(usage -> assertThat(usage.completionTokens()).isEqualTo(4));
        String requestId = response.headers().values("X-Request-Id").get(0);
        assertThat(response.headers().values("X-Switchboard-Provider")).containsExactly("mock");
        assertThat(response.headers().values("X-Switchboard-Attempts")).containsExactly("1");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String csv = get(telemetry + "/telemetry/export?format=csv&provider=mock").body();
            assertThat(csv).startsWith("timestamp,request_id,attempt,provider,model,outcome,");
            assertThat(csv).containsPattern(",\"?" + requestId + "\"?,1,mock,echo,success,");
        });
        JsonNode row = exportRow("mock", requestId);
        assertThat(row).as("JSON export row for %s", requestId).isNotNull();
        assertThat(row.path("outcome").asText()).isEqualTo("success");
        assertThat(row.path("output_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void modelListComesFromTheRegistry() {
        List<String> ids = client(router, API_KEY).models().list().data().stream().map(Model::id).toList();

        assertThat(ids).contains("mock/echo", "ollama/llama3.2:3b", "anthropic/claude-3-5-haiku-latest");
    }

    @Test
    void unknownModelIsA404() {
        assertThatThrownBy(() -> client(router, API_KEY).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("mock/no-such-model")
                .addUserMessage("hello")
                .build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).hasValue("model_not_found");
                });
    }

    @Test
    void wrongKeyIsA401() {
        assertThatThrownBy(() -> client(router, "sb-wrong").chat().completions().create(ChatCompletionCreateParams.builder()
                .model("mock/echo")
                .addUserMessage("hello")
                .build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    }

    @Test
    void missingKeyIsA401InTheOpenAiErrorShape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(router + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("message")).isTrue();
    }

    @Test
    void twoRouterReplicasEachGetTheirOwnReplies() {
        OpenAIClient first = client(router, API_KEY);
        OpenAIClient second = client(secondRouter, API_KEY);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                OpenAIClient client = i % 2 == 0 ? first : second;
                String prompt = "call " + i + " " + UUID.randomUUID();
                calls.add(CompletableFuture.runAsync(() -> {
                    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                            .model("mock/echo").addUserMessage(prompt).build());
                    assertThat(completion.choices().get(0).message().content()).hasValue(prompt);
                }, callers));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            callers.shutdownNow();
        }
    }

    private static OpenAIClient client(String baseUrl, String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl + "/v1")
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /** The request's attempt in telemetry's JSON export of the provider's attempts, or null while it is not there. */
    private static JsonNode exportRow(String provider, String requestId) throws IOException, InterruptedException {
        for (JsonNode row : JSON.readTree(get(telemetry + "/telemetry/export?format=json&provider=" + provider).body())) {
            if (requestId.equals(row.path("request_id").asText())) {
                return row;
            }
        }
        return null;
    }

    /** A read of telemetry's, with the operations key the stack generated. */
    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + opsKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
