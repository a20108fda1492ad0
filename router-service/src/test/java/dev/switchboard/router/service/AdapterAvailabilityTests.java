package dev.switchboard.router.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.RegistryStubResource;

/**
 * No call waits for nobody: providers no adapter serves are skipped or refused at once, an attempt no adapter takes
 * falls back within the ack timeout, and a stream whose adapter goes silent or is replaced ends with an error event.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestProfile(AdapterAvailabilityTests.OwnBreakers.class)
class AdapterAvailabilityTests {

    /**
     * A router of its own: the attempts nobody takes here count against their provider's circuit breaker, which the
     * other test classes' router shares, and where they choose a provider of its own per test.
     */
    public static class OwnBreakers implements QuarkusTestProfile {
    }

    private static final String IMAGE = "[{\"type\":\"text\",\"text\":\"what is this?\"},{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]";
    /** The provider of the catalog's cheapest vision model. */
    private static final String UNSERVED = "openai";
    /** The provider of a model with no configured fallbacks. */
    private static final String UNSERVED_NAMED = "anthropic";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "switchboard.router.request-timeout")
    Duration requestTimeout;

    @TestHTTPResource(value = "/", management = true)
    URL management;

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

    @BeforeEach
    void everyProviderServed() {
        adapter.announce(UNSERVED);
        adapter.announce(UNSERVED_NAMED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200));
        FakeAdapter.awaitServed(UNSERVED, true);
        FakeAdapter.awaitServed(FakeAdapter.HEALTHY_PROVIDER, true);
    }

    @Test
    void autoWithAnImageSkipsTheProviderNobodyServesRatherThanWaitingForIt() {
        adapter.withdraw(UNSERVED);
        FakeAdapter.awaitServed(UNSERVED, false);

        long started = System.nanoTime();
        authorized()
                .header("X-Switchboard-Policy", "cost_optimized")
                .body("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":" + IMAGE + "}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "anthropic/claude-3-7-sonnet-latest")
                .header("X-Switchboard-Attempts", "1")
                .header("X-Switchboard-Route", not(containsString("openai/gpt-4o-mini")));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(requestTimeout);
        assertThat(adapter.requestId("gpt-4o-mini")).as("nothing was sent to the unserved provider's topic").isNull();
    }

    @Test
    void aNamedModelOfAProviderNobodyServesFallsBackAtOnce() {
        adapter.withdraw(UNSERVED);
        FakeAdapter.awaitServed(UNSERVED, false);

        authorized()
                .body(chat("openai/gpt-4o-mini", "fall back, please", ",\"models\":[\"ollama/llama3.2:3b\"]"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Attempts", "1")
                .header("X-Switchboard-Route", containsString("openai/gpt-4o-mini skipped: not served"));
    }

    @Test
    void aCallNamingAProviderNobodyServesGetsA503AtOnce() {
        adapter.withdraw(UNSERVED_NAMED);
        FakeAdapter.awaitServed(UNSERVED_NAMED, false);

        authorized()
                .body(chat("anthropic/claude-3-7-sonnet-latest", "anyone there?", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(503)
                .header("X-Switchboard-Attempts", "0")
                .body("error.code", is("provider_unavailable"))
                .body("error.type", is("api_error"))
                .body("error.message", containsString("Provider anthropic is not served now"));
        assertThat(adapter.received("anyone there?")).isZero();
    }

    @Test
    void providersListSaysWhichAreServed() {
        adapter.withdraw(UNSERVED);
        FakeAdapter.awaitServed(UNSERVED, false);

        authorized()
                .when().get("/v1/providers")
                .then()
                .statusCode(200)
                .body("data.find { it.name == 'openai' }.served", is(false))
                .body("data.find { it.name == 'openai' }.adapters", is(0))
                .body("data.find { it.name == 'openai' }.notServedReason", is("no adapter consumes its request topic"))
                .body("data.find { it.name == 'ollama' }.served", is(true))
                .body("data.find { it.name == 'ollama' }.adapters", is(1));
    }

    @Test
    void anAttemptNoAdapterTakesFallsBackWithinTheAckTimeout() {
        long started = System.nanoTime();
        Response response = authorized()
                .body(chat("openai-compatible/stuck", FakeAdapter.STUCK, ",\"models\":[\"ollama/llama3.2:3b\"]"))
                .when().post("/v1/chat/completions");

        response.then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Attempts", "2")
                .header("X-Switchboard-Route", containsString("openai-compatible/stuck not taken"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(requestTimeout);
        await("the attempt nobody took is cancelled, so a late taker drops it").atMost(Duration.ofSeconds(10))
                .until(() -> adapter.cancelled(adapter.requestId("stuck"), 1));
    }

    @Test
    void anAttemptNoAdapterTakesWithNothingToFallBackToWaitsOutItsDeadline() {
        long started = System.nanoTime();
        authorized()
                .body(chat("openai-compatible/stuck-alone", FakeAdapter.STUCK, ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(504)
                .body("error.code", is("timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("an adapter taking over late still had its chance")
                .isGreaterThanOrEqualTo(requestTimeout);
    }

    @Test
    void aStreamWhoseAdapterGoesSilentEndsWithAnErrorEventAndIsCancelled() {
        String events = authorized()
                .body("{\"model\":\"groq/silent-mid-stream\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + FakeAdapter.STREAM_STALL + "\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract().asString();

        assertThat(events).contains("\"content\":\"" + FakeAdapter.STREAM_STALL + "\"")
                .contains("\"code\":\"stream_cut\"")
                .doesNotContain("[DONE]");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> adapter.cancelled(adapter.requestId("silent-mid-stream"), 1));
    }

    @Test
    void aStreamTakenAgainByAnotherAdapterEndsWithAnErrorEventAtOnce() {
        String events = authorized()
                .body("{\"model\":\"groq/retaken-stream\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + FakeAdapter.STREAM_RETAKEN + "\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract().asString();

        assertThat(events).contains("\"content\":\"" + FakeAdapter.STREAM_RETAKEN + "\"")
                .contains("\"code\":\"stream_cut\"")
                .as("cut by the second acknowledgement, not by the idle timeout")
                .contains("taken again by " + FakeAdapter.INSTANCE + "-2")
                .doesNotContain("[DONE]");
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
