package dev.switchboard.router.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.contracts.Topics;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.RegistryStubResource;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingTests {

    private static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]";
    private static final String IMAGE = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    ModelCatalog catalog;

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

    @AfterEach
    void forgetTheExtraModel() {
        if (RegistryStubResource.extraModel != null) {
            RegistryStubResource.extraModel = null;
            catalog.refresh();
        }
    }

    @BeforeEach
    void awaitReadinessAndCatalog() {
        RegistryStubResource.down = false;
        RegistryStubResource.extraModel = null;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200));
        FakeAdapter.awaitServed(FakeAdapter.HEALTHY_PROVIDER, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.isLoaded());
        // A model an earlier test added to the stub must not linger in the router's catalog until its next refresh.
        catalog.refresh();
    }

    @Test
    void fallsBackToTheNextModelAfterA500WithRetriesFirst() {
        authorized()
                .body(chat("together/flaky-a", FakeAdapter.SERVER_ERROR, ",\"models\":[\"ollama/llama3.2:3b\"]"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Fallback", "1")
                .header("X-Switchboard-Attempts", "4")
                .header("X-Switchboard-Route", containsString("together/flaky-a server_error"))
                .body("model", is("ollama/llama3.2:3b"));
    }

    @Test
    void configuredFallbacksFollowTheModel() {
        authorized()
                .body(chat("openrouter/fallback-demo", FakeAdapter.SERVER_ERROR, ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Route", containsString("openrouter/fallback-demo server_error"));
    }

    @Test
    void streamThatFailsBeforeItsFirstChunkFallsBackInvisibly() {
        String events = authorized()
                .body("{\"model\":\"deepseek/busy-stream\",\"stream\":true,\"models\":[\"ollama/llama3.2:3b\"],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + FakeAdapter.STREAM_FAIL_FIRST + "\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Fallback", "1")
                .extract().asString();

        assertThat(events).contains("\"content\":\"stream-fail-first\"").endsWith("data: [DONE]\n\n")
                .doesNotContain("\"error\"");
    }

    @Test
    void streamFailingAfterOnlyItsRoleChunkStillFallsBackUnseen() {
        String events = authorized()
                .body("{\"model\":\"deepseek/role-then-fail\",\"stream\":true,\"models\":[\"ollama/llama3.2:3b\"],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + FakeAdapter.STREAM_ROLE_THEN_FAIL
                        + "\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Fallback", "1")
                .extract().asString();

        assertThat(events).contains("\"content\":\"" + FakeAdapter.STREAM_ROLE_THEN_FAIL + "\"")
                .endsWith("data: [DONE]\n\n")
                .doesNotContain("\"error\"")
                .doesNotContain("deepseek/role-then-fail");
    }

    @Test
    void contextLengthMovesToACandidateWithALargerWindow() {
        authorized()
                .body(chat("groq/small-window", FakeAdapter.CONTEXT_LENGTH,
                        ",\"models\":[\"openrouter/unknown-window\",\"ollama/llama3.2:3b\"]"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Attempts", "2");
    }

    @Test
    void streamWithoutAFirstChunkInTimeFallsBack() {
        String events = authorized()
                .body("{\"model\":\"gemini/mute-stream\",\"stream\":true,\"models\":[\"ollama/llama3.2:3b\"],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + FakeAdapter.SILENT + "\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Route", containsString("gemini/mute-stream timeout"))
                .extract().asString();

        assertThat(events).endsWith("data: [DONE]\n\n");
        await("the abandoned attempt is cancelled at its adapter").atMost(Duration.ofSeconds(10))
                .until(() -> adapter.cancelled(adapter.requestId("mute-stream"), 1));
    }

    @Test
    void clientLeavingAStreamCancelsItsAttempt() throws IOException {
        // A provider of its own: other tests open circuits, which would skip it.
        String body = "{\"model\":\"azure-openai/stall-stream\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + FakeAdapter.STREAM_STALL + "\"}]}";
        try (Socket client = send(body)) {
            InputStream in = client.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!received.toString().contains("\"content\":\"" + FakeAdapter.STREAM_STALL + "\"")) {
                int read = in.read(buffer);
                assertThat(read).as("the stream's first chunk, after: " + received).isPositive();
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            assertThat(adapter.cancelled(adapter.requestId("stall-stream"), 1)).isFalse();
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> adapter.cancelled(adapter.requestId("stall-stream"), 1));
    }

    @Test
    void clientLeavingBeforeAPlainAnswerCancelsItsAttempt() throws IOException {
        // A provider of its own: other tests open circuits, which would skip it.
        try (Socket client = send(chat("openai-compatible/silent-wait", FakeAdapter.SILENT, ""))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> adapter.requestId("silent-wait") != null);
            assertThat(adapter.cancelled(adapter.requestId("silent-wait"), 1)).isFalse();
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> adapter.cancelled(adapter.requestId("silent-wait"), 1));
    }

    @Test
    void badRequestIsNotRetriedNorFallenBackFrom() {
        // On anthropic, which no test gives a fault that counts against its breaker: on a provider whose breaker other tests'
        // faults had opened (deepseek's, in one run), the call would be skipped and the fallback would answer 200.
        authorized()
                .body(chat("anthropic/claude-3-7-sonnet-latest", FakeAdapter.BAD_REQUEST,
                        ",\"models\":[\"ollama/llama3.2:3b\"]"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .header("X-Switchboard-Attempts", "1")
                .body("error.code", is("bad_request"));
    }

    @Test
    void retryAfterIsHonouredWhenItFitsTheTimeLeft() {
        long started = System.currentTimeMillis();
        authorized()
                .body(chat("groq/limited", FakeAdapter.RATE_LIMIT_ONCE, ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Attempts", "2")
                .header("X-Switchboard-Fallback", "0");

        assertThat(System.currentTimeMillis() - started).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void openCircuitSkipsTheProvider() {
        for (int i = 0; i < 2; i++) {
            authorized()
                    .body(chat("mistral/flaky", FakeAdapter.SERVER_ERROR, ""))
                    .when().post("/v1/chat/completions")
                    .then()
                    .statusCode(502);
        }

        authorized()
                .body(chat("mistral/flaky", "hello", ",\"models\":[\"ollama/llama3.2:3b\"]"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Attempts", "1")
                .header("X-Switchboard-Route", containsString("mistral/flaky skipped: circuit open"));
        authorized()
                .when().get("/v1/providers")
                .then()
                .statusCode(200)
                .body("data.find { it.name == 'mistral' }.state", is("open"))
                .body("data.find { it.name == 'mistral' }.errorRate", is(1.0f))
                .body("data.find { it.name == 'ollama' }.kind", is("local"));
        String metrics = given().port(management.getPort())
                .when().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract().asString();
        assertThat(metrics)
                .contains("switchboard_circuit_breaker_state{breaker=\"provider:mistral\",state=\"open\"} 1.0")
                .contains("switchboard_circuit_breaker_state{breaker=\"provider:mistral\",state=\"closed\"} 0.0")
                .contains("switchboard_circuit_breaker_state{breaker=\"provider:ollama\",state=\"closed\"} 1.0")
                // Fault Tolerance's own meters cost the router CPU on every call; they stay off.
                .doesNotContain("ft_invocations_total");
    }

    @Test
    void temperatureZeroIsCachedAndAHitCostsNoAttempt() {
        String body = "{\"model\":\"mock/echo\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"cache me\"}]}";
        authorized().body(body)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Cache", "miss");
        String reordered = "{\"messages\":[{\"content\":\"cache me\",\"role\":\"user\"}],\"temperature\":0,\"model\":\"mock/echo\"}";
        authorized().body(reordered)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Cache", "hit")
                .header("X-Switchboard-Attempts", "0")
                .body("choices[0].message.content", is("cache me"));
        authorized().header("X-Switchboard-Cache", "bypass").body(body)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Attempts", "1");

        assertThat(adapter.received("cache me")).isEqualTo(2);
    }

    @Test
    void eachPolicyPicksItsModelFromTheCatalog() {
        assertThat(autoModel("cost_optimized", "hello")).isEqualTo("ollama/llama3.2:3b");
        assertThat(autoModel("quality_optimized", "hello")).isEqualTo("anthropic/claude-3-7-sonnet-latest");
        assertThat(autoModel("speed_optimized", "hello")).isEqualTo("openai/gpt-4o-mini");
        assertThat(autoModel("offline_first", "hello")).isEqualTo("mock/echo");
    }

    @Test
    void visionCallsNeverGoToTextOnlyModels() {
        String withImage = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is it\"},"
                + IMAGE + "]}]}";
        authorized().header("X-Switchboard-Policy", "cost_optimized").body(withImage)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "openai/gpt-4o-mini")
                .header("X-Switchboard-Route", containsString("auto: cost_optimized for vision"));

        String explicit = "{\"model\":\"ollama/llama3.2:3b\",\"messages\":[{\"role\":\"user\",\"content\":[" + IMAGE + "]}]}";
        authorized().body(explicit)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.code", is("model_not_capable"));
    }

    @Test
    void aDiscoveredModelWhoseCapabilitiesAreUnknownGetsTheToolCall() {
        // As discovery now stores gemini-1.5-flash: Gemini's list states its limits, not whether it takes tools.
        RegistryStubResource.extraModel = """
                {"id":"gemini/gemini-1.5-flash","provider":"gemini","modelId":"gemini-1.5-flash",
                 "capabilities":["text","streaming"],"capabilitiesKnown":false,"contextWindow":1048576,
                 "maxOutputTokens":8192,"available":true,"local":false,"latencyTier":null,"qualityTier":null,"price":null}""";
        catalog.refresh();

        authorized().body(chat("gemini/gemini-1.5-flash", "tools on gemini", TOOLS))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "gemini/gemini-1.5-flash");
        assertThat(adapter.received("tools on gemini")).isEqualTo(1);

        // What the registry knows to be missing is still refused before any provider is asked.
        authorized().body(chat("ollama/llama3.2:3b", "tools on llama", TOOLS))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.code", is("model_not_capable"));
        assertThat(adapter.received("tools on llama")).isZero();
    }

    @Test
    void autoPrefersModelsKnownToHaveWhatTheCallNeeds() {
        // The cheapest model of all, but nobody knows whether it takes tools.
        RegistryStubResource.extraModel = """
                {"id":"gemini/gemini-1.5-flash","provider":"gemini","modelId":"gemini-1.5-flash",
                 "capabilities":["text"],"capabilitiesKnown":false,"contextWindow":null,"available":true,"local":false,
                 "latencyTier":null,"qualityTier":null,"price":{"inputCostPerMillion":0.01,"outputCostPerMillion":0.01}}""";
        catalog.refresh();

        // gpt-4o-mini's configured fallback, gemini/gemini-2.0-flash, is not in this registry, which now lists gemini
        // models: it is left out, not a 404.
        authorized().header("X-Switchboard-Policy", "cost_optimized").body(chat("auto", "tools via auto", TOOLS))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "openai/gpt-4o-mini");
    }

    @Test
    void promptLongerThanTheWindowSkipsTheModel() {
        String longPrompt = "word ".repeat(2_000);
        authorized()
                .body(chat("ollama/llama3.2:3b", longPrompt.trim(), ",\"models\":[\"mock/echo\"]"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "mock/echo");
    }

    @Test
    void unknownPolicyOrTaskIsA400() {
        authorized().header("X-Switchboard-Policy", "cheapest").body(chat("auto", "hi", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", is("X-Switchboard-Policy"));
        authorized().header("X-Switchboard-Task", "dancing").body(chat("mock/echo", "hi", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", is("X-Switchboard-Task"));
    }

    @Test
    void codingPromptIsClassifiedAsCoding() {
        authorized().body(chat("auto", "please refactor this java class", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Route", containsString("for coding"));
    }

    @Test
    void routingGoesOnWithTheLastKnownCatalogWhenTheRegistryIsDown() {
        RegistryStubResource.down = true;
        catalog.refresh();

        assertThat(catalog.isLoaded()).isTrue();
        authorized().body(chat("mock/echo", "still here", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200);
        authorized().body(chat("mock/not-in-catalog", "hi", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(404);
    }

    @Test
    void aModelTheRegistryAnnouncesIsRoutableWithinSeconds() throws Exception {
        catalog.refresh();
        authorized().body(chat("gpt-4.1-nano", "hello", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(404);

        RegistryStubResource.extraModel = """
                {"id":"openai/gpt-4.1-nano","provider":"openai","modelId":"gpt-4.1-nano","capabilities":["text"],
                 "contextWindow":1000000,"available":true,"local":false,"latencyTier":"fast","qualityTier":"basic",
                 "price":{"inputCostPerMillion":0.1,"outputCostPerMillion":0.4}}""";
        try (KafkaProducer<String, String> registry = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            registry.send(new ProducerRecord<>(Topics.MODELS, "openai/gpt-4.1-nano", "{\"change\":\"created\"}"))
                    .get(10, TimeUnit.SECONDS);
        }

        // Well inside the 30 s between scheduled refreshes, which the refresh above has just restarted.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> authorized().body(chat("gpt-4.1-nano", "hello", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "openai/gpt-4.1-nano"));
    }

    @Test
    void aliasExpandsToItsModels() {
        authorized().body(chat("local", "via alias", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Route", containsString("alias local"));
    }

    /** A call on a raw connection, which the test closes to leave mid-way as a client that gives up would. */
    private static Socket send(String body) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(10_000);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer test-key\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.flush();
        return socket;
    }

    private String autoModel(String policy, String prompt) {
        Response response = authorized().header("X-Switchboard-Policy", policy).body(chat("auto", prompt, ""))
                .when().post("/v1/chat/completions");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.header("X-Switchboard-Model");
    }

    private static RequestSpecification authorized() {
        return given()
                .header("Authorization", "Bearer test-key")
                .contentType(ContentType.JSON);
    }

    private static String chat(String model, String content, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]" + extra + "}";
    }
}
