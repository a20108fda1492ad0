package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import dev.switchboard.local.OtlpReceiver;
import dev.switchboard.local.ReceivedSpan;
import dev.switchboard.local.Stack;

/**
 * The whole stack with tracing on, exporting to an OTLP receiver in this JVM: each client call, driven by the OpenAI
 * SDK, is one trace from the router's server span through each attempt and its Kafka send, the adapter's handling and
 * its GenAI client span, to telemetry's storing of the usage event; the answer's {@code traceparent}, the request log
 * and the export lead to it. A plain call, a streamed call and a call that fell back.
 */
class TraceIT {

    private static final String API_KEY = "sb-e2e-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String COMPLETION = """
            {"id":"chatcmpl-trace","object":"chat.completion","created":1741569952,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Traced","refusal":null},
             "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}
            """;
    private static final String STREAM = String.join("\n\n",
            "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Streamed\"},"
                    + "\"finish_reason\":null}]}",
            "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" and traced\"},\"finish_reason\":\"stop\"}]}",
            "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}",
            "data: [DONE]", "");
    private static final String ANTHROPIC_MESSAGE = """
            {"id":"msg_trace","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
             "content":[{"type":"text","text":"Fell back"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":10,"output_tokens":2}}
            """;

    private static WireMockServer openAiStub;
    private static WireMockServer anthropicStub;
    private static OtlpReceiver receiver;
    private static Stack stack;
    private static String router;
    private static String telemetry;
    private static String opsKey;

    @BeforeAll
    static void startStack() throws IOException {
        receiver = OtlpReceiver.keeping();
        openAiStub = E2eStack.startStub();
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.user", equalTo("rate-limited")))
                .atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "90")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                                + "\"code\":\"rate_limit_exceeded\"}}")));
        openAiStub.stubFor(post("/v1/chat/completions").atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
        anthropicStub = E2eStack.startStub();
        anthropicStub.stubFor(post("/v1/messages").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(ANTHROPIC_MESSAGE)));

        stack = E2eStack.start("trace", 1, API_KEY, "sb-admin-" + UUID.randomUUID(),
                Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                        "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "50ms",
                        "SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", "http://127.0.0.1:" + openAiStub.port() + "/v1",
                        "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", "sk-e2e-0123456789abcdefghijklmnopqrstuv",
                        "SWITCHBOARD_PROVIDERS_ANTHROPIC_BASE_URL", "http://127.0.0.1:" + anthropicStub.port(),
                        "SWITCHBOARD_PROVIDERS_ANTHROPIC_API_KEY", "sk-ant-e2e-0123456789abcdefghijklmnop"));
        router = stack.parts().get(Stack.ROUTER);
        telemetry = stack.parts().get(Stack.TELEMETRY);
        opsKey = stack.settings().opsKey();
    }

    @AfterAll
    static void stopStack() {
        E2eStack.stop(stack, openAiStub, anthropicStub);
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aPlainCallIsOneTraceFromTheCallerToTheProviderAndTelemetry() throws Exception {
        String callerTrace = "0af7651916cd43dd8448eb211c80319c";
        String callerSpan = "b7ad6b7169203331";
        HttpResponseFor<ChatCompletion> response = client().chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addUserMessage("trace me")
                        .maxCompletionTokens(64)
                        .temperature(0.2)
                        .putAdditionalHeader("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
                        .build());
        assertThat(response.parse().choices().get(0).message().content()).hasValue("Traced");
        String traceId = traceIdOf(response.headers().values("traceparent"));
        String requestId = response.headers().values("X-Request-Id").get(0);

        assertThat(traceId).isEqualTo(callerTrace);
        ReceivedSpan server = awaitSpan(traceId, span -> span.kind().equals("SERVER")
                && span.service().equals("router-service"));
        assertThat(server.parentSpanId()).isEqualTo(callerSpan);
        ReceivedSpan attempt = assertAttemptPath(traceId, server, "openai", "gpt-4o-mini", 1);
        ReceivedSpan chat = awaitSpan(traceId, span -> span.name().equals("chat gpt-4o-mini"));
        assertThat(chat.attributes()).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-4o-mini")
                .containsEntry("gen_ai.request.max_tokens", 64L)
                .containsEntry("gen_ai.request.temperature", 0.2)
                .containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                .containsEntry("gen_ai.response.id", "chatcmpl-trace")
                .containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
                .containsEntry("gen_ai.usage.input_tokens", 12L)
                .containsEntry("gen_ai.usage.output_tokens", 4L)
                .doesNotContainKeys("gen_ai.input.messages", "gen_ai.output.messages", "error.type");
        assertThat(attempt.attributes()).containsEntry("switchboard.outcome", "success");
        assertStoredInTelemetry(traceId);
        assertRequestLogAndExportCarry(requestId, traceId);
    }

    @Test
    void aStreamedCallIsOneTraceWhoseAttemptLastsThroughTheStream() throws Exception {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = client().chat().completions().withRawResponse()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addUserMessage("stream and trace me")
                        .build());
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content()
                    .ifPresent(text::append)));
        }
        assertThat(text).hasToString("Streamed and traced");
        String traceId = traceIdOf(response.headers().values("traceparent"));

        ReceivedSpan server = awaitSpan(traceId, span -> span.kind().equals("SERVER")
                && span.service().equals("router-service"));
        assertThat(server.parentSpanId()).isNull();
        ReceivedSpan attempt = assertAttemptPath(traceId, server, "openai", "gpt-4o-mini", 1);
        ReceivedSpan chat = awaitSpan(traceId, span -> span.name().equals("chat gpt-4o-mini"));
        assertThat(chat.attributes()).containsEntry("gen_ai.request.stream", true)
                .containsEntry("gen_ai.response.id", "chatcmpl-s")
                .containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
                .containsEntry("gen_ai.usage.output_tokens", 3L);
        assertThat(attempt.endEpochNanos()).isGreaterThanOrEqualTo(chat.endEpochNanos());
        assertStoredInTelemetry(traceId);
    }

    @Test
    void aCallThatFellBackIsOneTraceWithItsAttemptsAsSiblings() throws Exception {
        HttpResponseFor<ChatCompletion> response = client().chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addUserMessage("fall back and trace me")
                        .user("rate-limited")
                        .putAdditionalBodyProperty("models", JsonValue.from(List.of("anthropic/claude-3-5-haiku-latest")))
                        .build());
        assertThat(response.parse().choices().get(0).message().content()).hasValue("Fell back");
        String traceId = traceIdOf(response.headers().values("traceparent"));

        ReceivedSpan server = awaitSpan(traceId, span -> span.kind().equals("SERVER")
                && span.service().equals("router-service"));
        ReceivedSpan last = awaitSpan(traceId, span -> span.name().equals("attempt anthropic/claude-3-5-haiku-latest"));
        List<ReceivedSpan> attempts = receiver.trace(traceId).stream()
                .filter(span -> span.name().startsWith("attempt "))
                .sorted(Comparator.comparing(span -> (Long) span.attribute("switchboard.attempt")))
                .toList();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2).allMatch(span -> span.isChildOf(server));
        ReceivedSpan first = attempts.get(0);
        assertThat(first.name()).isEqualTo("attempt openai/gpt-4o-mini");
        assertThat(first.status()).isEqualTo("ERROR");
        assertThat(first.attributes()).containsEntry("switchboard.outcome", "error")
                .containsEntry("error.type", "rate_limited");
        assertThat(attempts.get(attempts.size() - 1)).isEqualTo(last);
        assertThat(last.attributes()).containsEntry("switchboard.fallback", true)
                .containsEntry("switchboard.outcome", "success")
                .containsEntry("gen_ai.provider.name", "anthropic");

        ReceivedSpan failedCall = awaitSpan(traceId, span -> span.name().equals("chat gpt-4o-mini"));
        assertThat(failedCall.status()).isEqualTo("ERROR");
        assertThat(failedCall.attributes()).containsEntry("error.type", "rate_limited");
        assertThat(processOf(traceId, failedCall).parentSpanId()).isEqualTo(sendUnder(traceId, first).spanId());
        ReceivedSpan answered = awaitSpan(traceId, span -> span.kind().equals("CLIENT")
                && "anthropic".equals(span.attribute("gen_ai.provider.name")));
        assertThat(answered.attributes()).containsEntry("gen_ai.response.id", "msg_trace")
                .containsEntry("gen_ai.usage.input_tokens", 10L)
                .containsEntry("gen_ai.usage.output_tokens", 2L);
        assertThat(processOf(traceId, answered).parentSpanId()).isEqualTo(sendUnder(traceId, last).spanId());
    }

    @Test
    void aCallWhoseCallerDidNotSampleItRecordsNoSpanInAnyService() throws Exception {
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponseFor<ChatCompletion> unsampled = client().chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addUserMessage("do not trace me")
                        .putAdditionalHeader("traceparent", "00-" + callerTrace + "-00f067aa0ba902b7-00")
                        .build());
        assertThat(unsampled.parse().choices()).isNotEmpty();
        assertThat(unsampled.headers().values("traceparent")).hasSize(1);
        assertThat(unsampled.headers().values("traceparent").get(0)).startsWith("00-" + callerTrace + "-").endsWith("-00");
        String requestId = unsampled.headers().values("X-Request-Id").get(0);

        // Every service has handled the call once telemetry stored it; a sampled call made after it and exported whole
        // means every exporter has flushed past it too.
        assertRequestLogAndExportCarry(requestId, callerTrace);
        HttpResponseFor<ChatCompletion> sampled = client().chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("openai/gpt-4o-mini")
                        .addUserMessage("trace me after it")
                        .build());
        assertThat(sampled.parse().choices()).isNotEmpty();
        assertStoredInTelemetry(traceIdOf(sampled.headers().values("traceparent")));

        assertThat(receiver.trace(callerTrace)).as("spans recorded for a call its caller did not sample").isEmpty();
    }

    /** The attempt under the server span, its send under it, the adapter's handling under the send. */
    private static ReceivedSpan assertAttemptPath(String traceId, ReceivedSpan server, String provider, String model,
            long number) {
        ReceivedSpan attempt = awaitSpan(traceId, span -> span.name().equals("attempt " + provider + "/" + model)
                && Long.valueOf(number).equals(span.attribute("switchboard.attempt")));
        assertThat(attempt.isChildOf(server)).isTrue();
        assertThat(attempt.attributes()).containsEntry("gen_ai.provider.name", provider)
                .containsEntry("gen_ai.request.model", model);
        ReceivedSpan send = sendUnder(traceId, attempt);
        assertThat(send.kind()).isEqualTo("PRODUCER");
        ReceivedSpan process = awaitSpan(traceId, span -> span.name().equals("process switchboard.requests." + provider)
                && span.isChildOf(send));
        assertThat(process.kind()).isEqualTo("CONSUMER");
        assertThat(process.service()).isEqualTo("provider-adapters");
        ReceivedSpan chat = awaitSpan(traceId, span -> span.name().equals("chat " + model) && span.isChildOf(process));
        assertThat(chat.kind()).isEqualTo("CLIENT");
        return attempt;
    }

    private static ReceivedSpan sendUnder(String traceId, ReceivedSpan attempt) {
        return awaitSpan(traceId, span -> span.name().startsWith("send switchboard.requests.")
                && span.isChildOf(attempt));
    }

    private static ReceivedSpan processOf(String traceId, ReceivedSpan providerCall) {
        return awaitSpan(traceId, span -> span.spanId().equals(providerCall.parentSpanId()));
    }

    private static void assertStoredInTelemetry(String traceId) {
        ReceivedSpan stored = awaitSpan(traceId, span -> span.name().equals("store switchboard.usage"));
        assertThat(stored.service()).isEqualTo("telemetry-service");
        ReceivedSpan parent = awaitSpan(traceId, span -> span.spanId().equals(stored.parentSpanId()));
        assertThat(parent.service()).isEqualTo("provider-adapters");
    }

    private static void assertRequestLogAndExportCarry(String requestId, String traceId) {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> story = get(telemetry + "/telemetry/requests/" + requestId);
            assertThat(story.statusCode()).isEqualTo(200);
            JsonNode call = JSON.readTree(story.body());
            assertThat(call.path("summary").path("traceId").asText()).isEqualTo(traceId);
            assertThat(call.path("attempts").get(0).path("timings").path("lastTokenMs").isNumber()).isTrue();
            assertThat(get(telemetry + "/telemetry/export?format=csv&provider=openai").body())
                    .containsPattern(requestId + ",.*," + traceId + ",");
        });
    }

    private static String traceIdOf(List<String> traceparent) {
        assertThat(traceparent).hasSize(1);
        assertThat(traceparent.get(0)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.get(0).substring(3, 35);
    }

    private static ReceivedSpan awaitSpan(String traceId, Predicate<ReceivedSpan> match) {
        return await().atMost(WAIT).until(() -> receiver.trace(traceId).stream().filter(match).findFirst(),
                found -> found.isPresent()).get();
    }

    private static OpenAIClient client() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(router + "/v1")
                .apiKey(API_KEY)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + opsKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
