package dev.switchboard.router.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.local.testing.KafkaTestResource;

/**
 * What the router's resource tests share: the test broker and registry, a {@link FakeAdapter} that answers every
 * provider topic as each prompt asks, the router ready before each test, one call answered before the first (the fake
 * adapter answers once its consumer has joined), and calls posted with a caller's key.
 */
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FakeAdapterTests {

    /** The caller's key in the router's test configuration. */
    protected static final String API_KEY = "test-key";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    protected FakeAdapter adapter;
    private boolean warm;

    @BeforeAll
    void startAdapter() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        adapter = new FakeAdapter(bootstrapServers);
    }

    @BeforeEach
    void awaitReadiness() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200));
        if (!warm) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(this::warmUp);
            warm = true;
        }
    }

    @AfterAll
    void stopAdapter() throws InterruptedException {
        adapter.close();
    }

    /**
     * Asserts what the test class needs before its first test (a call answered, a provider served): the first test
     * waits until it holds.
     */
    protected abstract void warmUp();

    /** A JSON call with the test key as a bearer token. */
    protected static RequestSpecification withKey() {
        return as(API_KEY);
    }

    /** A JSON call with this key as a bearer token. */
    protected static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }
}
