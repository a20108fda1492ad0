package dev.switchboard.router.rest.responses;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

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
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.RegistryStubResource;

/**
 * A continuation left to Switchboard (here the alias {@code local}: ollama/llama3.2:3b, mock/echo) runs first on the
 * model that made the previous response even when the alias does not name it, unless that model cannot serve the call
 * or no adapter serves its provider; then the alias's own plan runs. The key's side is in {@code GovernanceTests}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContinuationRoutingTests {

    private static final String GPT = "openai/gpt-4o-mini";
    private static final String CLAUDE = "anthropic/claude-3-7-sonnet-latest";
    private static final String LOCAL_MODELS_ONLY = "local";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private FakeAdapter adapter;

    @BeforeAll
    void startAdapter() {
        adapter = new FakeAdapter(bootstrapServers);
    }

    @BeforeEach
    void awaitReadiness() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200));
        FakeAdapter.awaitServed("anthropic", true);
        FakeAdapter.awaitServed("openai", true);
    }

    @AfterAll
    void stopAdapter() throws InterruptedException {
        adapter.close();
    }

    @Test
    void theModelThatMadeThePreviousResponseIsAddedFirstWhenTheAliasDoesNotNameIt() {
        String first = respond("{\"model\":\"" + GPT + "\",\"input\":\"made outside the alias\"}");

        withKey()
                .body("{\"model\":\"" + LOCAL_MODELS_ONLY + "\",\"input\":\"continued through the alias\","
                        + "\"previous_response_id\":\"" + first + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", GPT)
                .header("X-Switchboard-Route", containsString("continuing on " + GPT));
    }

    @Test
    void aPreviousModelWhoseWindowIsTooSmallForTheCallIsNotAdded() {
        String first = respond("{\"model\":\"" + GPT + "\",\"input\":\"made on a 128k window\"}");

        // 130,000 output tokens fit mock/echo's 131,072-token window, not gpt-4o-mini's 128,000.
        withKey()
                .body("{\"model\":\"" + LOCAL_MODELS_ONLY + "\",\"input\":\"a long answer please\","
                        + "\"max_output_tokens\":130000,\"previous_response_id\":\"" + first + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "mock/echo")
                .header("X-Switchboard-Route", not(containsString("continuing on")));
    }

    @Test
    void aPreviousModelWhoseProviderNoAdapterServesIsNotAdded() {
        String first = respond("{\"model\":\"" + CLAUDE + "\",\"input\":\"made on anthropic\"}");
        adapter.withdraw("anthropic");
        try {
            FakeAdapter.awaitServed("anthropic", false);
            withKey()
                    .body("{\"model\":\"" + LOCAL_MODELS_ONLY + "\",\"input\":\"anthropic has gone\","
                            + "\"previous_response_id\":\"" + first + "\"}")
                    .when().post("/v1/responses")
                    .then()
                    .statusCode(200)
                    .header("X-Switchboard-Model", is(oneOf("ollama/llama3.2:3b", "mock/echo")))
                    .header("X-Switchboard-Route", not(containsString("continuing on")));
        } finally {
            adapter.announce("anthropic");
        }
    }

    private static String respond(String body) {
        return withKey().body(body).when().post("/v1/responses").then().statusCode(200).extract().path("id");
    }

    private static RequestSpecification withKey() {
        return given().header("Authorization", "Bearer test-key").contentType(ContentType.JSON);
    }
}
