package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import java.util.HashMap;
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
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import dev.switchboard.local.Ports;
import dev.switchboard.local.ServiceProcess;
import dev.switchboard.local.ServiceSpec;
import dev.switchboard.local.Stack;

/**
 * Streams cut after their content reached the caller, through the whole stack as {@code ./switchboard up} runs it:
 * openai-java raises on the error event that ends them (never a silent truncation), and the attempt's usage is stored
 * as {@code stream_cut} with the tokens streamed so far.
 */
class StreamCutIT {

    private static final String API_KEY = "sb-e2e-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPENAI_KEY = "sk-e2e-0123456789abcdefghijklmnopqrstuv";

    private static final String ROLE = "data: {\"id\":\"c3\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"finish_reason\":null}]}\n\n";
    private static final String CONTENT = "data: {\"id\":\"c3\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The first half \"},"
            + "\"finish_reason\":null}]}\n\n";
    private static final String REST = "data: {\"id\":\"c3\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"and the rest.\"},"
            + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    /** An idle timeout the stub's pause exceeds, short so that the test is quick. */
    private static final String ADAPTER_IDLE_TIMEOUT = "3s";

    private static WireMockServer openAiStub;
    private static Stack stack;
    private static String router;
    private static String telemetry;
    private static String opsKey;

    @BeforeAll
    static void startStack() throws IOException {
        openAiStub = E2eStack.startStub();
        // The connection closes after the first content chunk, with no [DONE].
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.user", equalTo("cut-off")))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(ROLE + CONTENT)));
        // The first content chunk, then a pause far longer than the idle timeout, then the rest: two halves of the body
        // sent 10 s apart (the second padded with blank lines, which server-sent events ignore).
        String first = ROLE + CONTENT;
        String second = REST + "\n".repeat(Math.max(0, first.length() - REST.length()));
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.user", equalTo("pause")))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(first + second)
                        .withChunkedDribbleDelay(2, 20_000)));
        stack = E2eStack.start("cut", 1, API_KEY, "sb-admin-" + UUID.randomUUID(),
                Map.of("SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", "http://127.0.0.1:" + openAiStub.port() + "/v1",
                        "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", OPENAI_KEY,
                        "SWITCHBOARD_ADAPTERS_STREAM_IDLE_TIMEOUT", ADAPTER_IDLE_TIMEOUT));
        router = stack.parts().get(Stack.ROUTER);
        telemetry = stack.parts().get(Stack.TELEMETRY);
        opsKey = stack.settings().opsKey();
    }

    @AfterAll
    static void stopStack() {
        E2eStack.stop(stack, openAiStub);
    }

    @Test
    void aStreamTheProviderCutsRaisesInTheSdkAndIsCountedStreamCutWithItsTokens() throws Exception {
        String requestId = assertStreamRaisesAfterItsContent("cut-off");

        JsonNode row = awaitUsage(requestId);
        assertThat(row.path("outcome").asText()).isEqualTo("error");
        assertThat(row.path("error_class").asText()).isEqualTo("stream_cut");
        // "The first half " is 15 characters: four tokens at four characters a token.
        assertThat(row.path("output_tokens").asLong()).isEqualTo(4);
        assertThat(row.path("input_tokens").asLong()).isPositive();
    }

    @Test
    void aStreamSilentLongerThanTheIdleTimeoutRaisesInTheSdk() throws Exception {
        long started = System.nanoTime();
        String requestId = assertStreamRaisesAfterItsContent("pause");

        // The stub sends its two halves 10 s apart (the first after 10 s) and would end at 20 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("cut by the idle timeout, before the stub's rest")
                .isLessThan(Duration.ofSeconds(18));
        assertThat(awaitUsage(requestId).path("error_class").asText()).isEqualTo("stream_cut");
    }

    @Test
    void streamsOfAnAdapterThatDiesMidWayRaiseInTheSdkAndNoneEndsSilently() throws Exception {
        ServiceSpec adapters = stack.service(Stack.ADAPTERS).spec();
        Map<String, String> env = new HashMap<>(adapters.environment());
        // One word every 300 ms: the streams this adapter takes are still running when it dies.
        env.put("SWITCHBOARD_PROVIDERS_MOCK_CHUNK_DELAY", "300ms");
        env.put("SWITCHBOARD_ADAPTERS_ENABLED", "mock");
        ServiceSpec doomedSpec = new ServiceSpec("adapters-doomed", adapters.module(), Ports.free(), Ports.free(), env);
        ServiceProcess doomed = ServiceProcess.start(doomedSpec, stack.settings().repository(),
                stack.settings().logDirectory(), stack.settings().javaOptions(doomedSpec));
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            await().atMost(Duration.ofSeconds(90)).until(doomed::isReady);
            // Give the group time to hand the new member its share of the partitions.
            Thread.sleep(4_000);
            String words = "word ".repeat(100).trim();
            List<CompletableFuture<Throwable>> streams = new ArrayList<>();
            // Sixteen streams over twelve partitions: the odds that the doomed adapter holds none are below one in 60,000.
            for (int i = 0; i < 16; i++) {
                streams.add(CompletableFuture.supplyAsync(() -> {
                    StringBuilder text = new StringBuilder();
                    try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(
                            ChatCompletionCreateParams.builder().model("mock/echo").addUserMessage(words).build())) {
                        stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content()
                                .ifPresent(text::append)));
                    } catch (OpenAIException raised) {
                        assertThat(text).as("content came before the error").isNotEmpty();
                        return raised;
                    }
                    assertThat(text).as("a stream that ends without an error is whole").hasToString(words);
                    return null;
                }, callers));
            }
            Thread.sleep(2_000);
            doomed.kill();

            List<Throwable> outcomes = streams.stream().map(CompletableFuture::join).toList();
            assertThat(outcomes).as("the dead adapter's streams raised").anySatisfy(raised -> assertThat(raised)
                    .isNotNull());
        } finally {
            callers.shutdownNow();
            doomed.kill();
        }
    }

    /** Streams a call, asserting that its content arrives and the SDK then raises; returns its request id. */
    private String assertStreamRaisesAfterItsContent(String user) {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = client().chat().completions().withRawResponse()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addUserMessage("tell me everything")
                        .user(user)
                        .build());
        String requestId = response.headers().values("X-Request-Id").get(0);
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            assertThatThrownBy(() -> stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta()
                    .content().ifPresent(text::append))))
                    .isInstanceOf(OpenAIException.class);
        }
        assertThat(text).hasToString("The first half ");
        return requestId;
    }

    private static JsonNode awaitUsage(String requestId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (JsonNode row : JSON.readTree(get(telemetry + "/telemetry/export?format=json&provider=openai").body())) {
                if (requestId.equals(row.path("request_id").asText())) {
                    found[0] = row;
                }
            }
            assertThat(found[0]).as("export row for %s", requestId).isNotNull();
        });
        return found[0];
    }

    private static OpenAIClient client() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(router + "/v1")
                .apiKey(API_KEY)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(90))
                .build();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + opsKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
