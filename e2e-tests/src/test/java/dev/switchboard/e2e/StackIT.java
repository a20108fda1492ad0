package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;

import dev.switchboard.local.Ports;
import dev.switchboard.local.Stack;
import dev.switchboard.local.StackSettings;

/**
 * The whole system as `./switchboard up` starts it (embedded Kafka and PostgreSQL, the four services as their own
 * JVMs, and a second router replica), driven by the official OpenAI Java SDK.
 */
class StackIT {

    private static final String API_KEY = "sb-e2e-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path home;
    private static Stack stack;
    private static String router;
    private static String secondRouter;
    private static String telemetry;

    @BeforeAll
    static void startStack() throws IOException {
        home = Files.createTempDirectory("switchboard-e2e");
        Path repository = Path.of(System.getProperty("switchboard.repository", "..")).toAbsolutePath().normalize();
        StackSettings settings = new StackSettings(repository, home, Ports.free(), Ports.free(),
                List.of(Ports.free(), Ports.free()), Ports.free(), Ports.free(), Ports.free(), null, null, false, API_KEY,
                "sb-admin-" + UUID.randomUUID(),
                List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), Map.of());
        stack = Stack.start(settings, line -> System.out.println("[stack] " + line));
        router = stack.parts().get(Stack.ROUTER);
        secondRouter = stack.parts().get(Stack.ROUTER + "-2");
        telemetry = stack.parts().get(Stack.TELEMETRY);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
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
        JsonNode rows = JSON.readTree(get(telemetry + "/telemetry/export?format=json&provider=mock").body());
        JsonNode row = null;
        for (JsonNode candidate : rows) {
            if (requestId.equals(candidate.path("request_id").asText())) {
                row = candidate;
            }
        }
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
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
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

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
