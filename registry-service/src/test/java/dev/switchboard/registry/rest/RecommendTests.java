package dev.switchboard.registry.rest;

import static dev.switchboard.registry.testing.Fixtures.ensureModel;
import static dev.switchboard.registry.testing.Fixtures.model;
import static dev.switchboard.registry.testing.Fixtures.price;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.service.TelemetryStats;
import dev.switchboard.registry.testing.StubServices;

/** Rankings on a fixed catalog of four models under the otherwise empty provider openai-compatible. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class RecommendTests {

    private static final String P = "openai-compatible";
    private static final String CHEAP = P + "/fx-cheap", BALANCED = P + "/fx-balanced", PREMIUM = P + "/fx-premium",
            UNPRICED = P + "/fx-unpriced";

    @Inject
    TelemetryStats telemetry;

    @BeforeEach
    void fixedCatalog() {
        ensureModel(P, "fx-cheap", model(P, "fx-cheap", "\"text\",\"function-calling\"", 32768, 4096, "fast", "basic",
                true, price("0.1", "0.2", "2025-01-01T00:00:00Z")));
        ensureModel(P, "fx-balanced", model(P, "fx-balanced", "\"text\",\"code\",\"function-calling\"", 131072, 8192,
                "medium", "good", false, price("1", "3", "2025-01-01T00:00:00Z")));
        ensureModel(P, "fx-premium", model(P, "fx-premium", "\"text\",\"code\",\"reasoning\",\"function-calling\"", 200000,
                32768, "slow", "highest", false, price("10", "30", "2025-01-01T00:00:00Z")));
        ensureModel(P, "fx-unpriced", model(P, "fx-unpriced", "\"text\"", 65536, 8192, "fast", "high", false, "null"));
        telemetry.invalidate();
    }

    @AfterEach
    void noMeasurements() {
        StubServices.telemetryAnswers(200, StubServices.NO_STATS);
        telemetry.invalidate();
    }

    @Test
    void ranksByTheWeightedScoreAndSaysWhy() {
        recommend("{\"providers\":[\"" + P + "\"]}")
                .body("recommendations.id", contains(CHEAP, PREMIUM, UNPRICED, BALANCED))
                .body("recommendations.score", contains(62.8f, 54.9f, 53.8f, 51.0f))
                .body("recommendations[0].rank", is(1))
                .body("recommendations[0].estimatedCost", is(0.0002f))
                .body("recommendations[0].latencySource", is("tier"))
                .body("recommendations[0].reason", is("quality tier basic; $0.1333 per million tokens for the expected mix; "
                        + "latency tier fast (about 1000 ms; no measurements); success rate assumed 95%"))
                .body("recommendations[2].estimatedCost", nullValue())
                .body("recommendations[2].reason", containsString("price unknown, so no cost credit"))
                .body("considered", is(4))
                .body("excluded", empty())
                .body("message", nullValue());
    }

    @Test
    void theTaskAndPreferencesMoveModelsUp() {
        recommend("{\"providers\":[\"" + P + "\"],\"task\":\"coding\",\"preferOpenWeights\":true,"
                + "\"expectedInputTokens\":2000,\"expectedOutputTokens\":1000}")
                .body("recommendations.id", contains(CHEAP, PREMIUM, BALANCED, UNPRICED))
                .body("recommendations[0].reason", containsString("open weights, as preferred"))
                .body("recommendations[1].reason", containsString("has 'code' for the task 'coding'"))
                .body("recommendations[1].scores.adjustments", is(0.1f))
                .body("recommendations[1].estimatedCost", is(0.05f));
    }

    @Test
    void constraintsExcludeModelsAndSayWhich() {
        recommend("{\"providers\":[\"" + P + "\"],\"capabilities\":[\"code\"],\"maxCost\":5,\"minQuality\":\"good\"}")
                .body("recommendations.id", contains(BALANCED))
                .body("excluded.find { it.constraint == 'capabilities' }.models", containsInAnyOrder(CHEAP, UNPRICED))
                .body("excluded.find { it.constraint == 'maxCost' }.models", containsInAnyOrder(PREMIUM, UNPRICED))
                .body("excluded.find { it.constraint == 'minQuality' }.models", contains(CHEAP));

        recommend("{\"providers\":[\"" + P + "\"],\"capabilities\":[\"embeddings\"],\"maxLatencyMs\":500}")
                .body("recommendations", empty())
                .body("message", containsString("no model meets every constraint"))
                .body("excluded.find { it.constraint == 'capabilities' }.models",
                        containsInAnyOrder(CHEAP, BALANCED, PREMIUM, UNPRICED))
                .body("excluded.find { it.constraint == 'maxLatencyMs' }.reason", containsString("500 ms"));

        recommend("{\"providers\":[\"" + P + "\"],\"expectedInputTokens\":100000,\"expectedOutputTokens\":10000}")
                .body("recommendations.id", contains(PREMIUM))
                .body("excluded.find { it.constraint == 'expectedTokens' }.models",
                        containsInAnyOrder(CHEAP, BALANCED, UNPRICED));
    }

    @Test
    void embeddingModelsAreRecommendedForEmbeddingsOnly() {
        recommend("{\"providers\":[\"openai\"]}")
                .body("recommendations.id", not(hasItem("openai/text-embedding-3-small")))
                .body("excluded.find { it.constraint == 'kind' }.models",
                        hasItems("openai/text-embedding-3-small", "openai/text-embedding-3-large"))
                .body("excluded.find { it.constraint == 'kind' }.models", not(hasItem("openai/gpt-4o")));

        recommend("{\"providers\":[\"openai\"],\"task\":\"embeddings\"}")
                .body("recommendations.id", not(hasItem("openai/gpt-4o")))
                .body("excluded.find { it.constraint == 'kind' }.models", hasItem("openai/gpt-4o"))
                .body("excluded.find { it.constraint == 'kind' }.models", not(hasItem("openai/text-embedding-3-small")));
    }

    @Test
    void measuredLatencyAndErrorsOutrankTheTiers() {
        StubServices.telemetryAnswers(200, """
                {"since":"2026-01-01T00:00:00Z","minutes":1440,"models":[
                 {"provider":"openai-compatible","model":"fx-cheap","requests":100,"successes":50,"failures":50,
                  "expired":0,"cancelled":0,"successRate":0.5,"timedAttempts":100,"latencyP50Ms":9000.0,
                  "latencyP95Ms":12000.0,"latencyP99Ms":15000.0},
                 {"provider":"openai-compatible","model":"fx-premium","requests":2,"successes":2,"failures":0,
                  "expired":0,"cancelled":0,"successRate":1.0,"timedAttempts":2,"latencyP50Ms":100.0,
                  "latencyP95Ms":100.0,"latencyP99Ms":100.0},
                 {"provider":"openai-compatible","model":"fx-balanced","requests":20,"successes":20,"failures":0,
                  "expired":0,"cancelled":0,"successRate":1.0,"timedAttempts":0,"latencyP50Ms":null,
                  "latencyP95Ms":null,"latencyP99Ms":null}]}
                """);
        recommend("{\"providers\":[\"" + P + "\"]}")
                .body("telemetryUsed", is(true))
                .body("recommendations.id", contains(PREMIUM, UNPRICED, BALANCED, CHEAP))
                .body("recommendations[3].latencySource", is("telemetry"))
                .body("recommendations[3].expectedLatencyMs", is(9000))
                .body("recommendations[3].measuredSuccessRate", is(0.5f))
                .body("recommendations[3].reason", containsString("measured p50 latency 9000 ms over 100 requests"))
                .body("recommendations[3].reason", containsString("measured success rate 50.0%"))
                .body("recommendations[0].latencySource", is("tier"))
                // Counted, but none of its attempts timed (rows from before telemetry kept latency): its tier stands.
                .body("recommendations[2].latencySource", is("tier"))
                .body("recommendations[2].expectedLatencyMs", is(3000))
                .body("recommendations[2].measuredSuccessRate", is(1.0f))
                .body("recommendations[2].reason", containsString("latency tier medium (about 3000 ms; no measurements)"));
    }

    @Test
    void readsTelemetrysRollupWindowNotItsRawStatistics() {
        StubServices.telemetryAnswers(200, """
                {"since":"2026-01-01T00:00:00Z","minutes":1440,"models":[
                 {"provider":"openai-compatible","model":"fx-cheap","requests":10,"successes":10,"failures":0,
                  "expired":0,"cancelled":0,"successRate":1.0,"timedAttempts":10,"latencyP50Ms":700.0,
                  "latencyP95Ms":900.0,"latencyP99Ms":950.0}]}
                """);
        StubServices.lastTelemetryCall = null;

        // Any other route of the stub is a 404, which would leave the tiers to decide.
        recommend("{\"providers\":[\"" + P + "\"]}")
                .body("telemetryUsed", is(true))
                .body("recommendations.find { it.id == '" + CHEAP + "' }.expectedLatencyMs", is(700));
        assertThat(StubServices.lastTelemetryCall).isEqualTo("/telemetry/latency?minutes=1440");
    }

    @Test
    void withTelemetryDownTheTiersDecide() {
        StubServices.telemetryAnswers(503, "{\"error\":{\"message\":\"down\"}}");
        recommend("{\"providers\":[\"" + P + "\"]}")
                .body("telemetryUsed", is(false))
                .body("notes", hasItem(containsString("telemetry did not answer")))
                .body("recommendations.id", contains(CHEAP, PREMIUM, UNPRICED, BALANCED));
    }

    @Test
    void badRequestsAre400s() {
        given().contentType(ContentType.JSON).body("{\"capabilities\":[\"telepathy\"]}")
                .when().post("/models/recommend")
                .then().statusCode(400).body("error.param", is("capabilities"));
        given().contentType(ContentType.JSON).body("{\"minQuality\":\"great\"}")
                .when().post("/models/recommend")
                .then().statusCode(400).body("error.param", is("minQuality"));
        given().contentType(ContentType.JSON).body("{\"maxCost\":-1}")
                .when().post("/models/recommend")
                .then().statusCode(400).body("error.param", is("maxCost"));
        given().contentType(ContentType.JSON).body("{\"capabilities\":[null]}")
                .when().post("/models/recommend")
                .then().statusCode(400).body("error.param", is("capabilities"));
        given().contentType(ContentType.JSON).body("{\"limit\":99999999999}")
                .when().post("/models/recommend")
                .then().statusCode(400).body("error.param", is("limit"));
        given().contentType(ContentType.JSON).body("{\"task\":\"poetry\"}")
                .when().post("/models/recommend")
                .then().statusCode(200).body("notes", hasItem(containsString("'poetry'")))
                .body("recommendations[0].id", notNullValue());
    }

    private static ValidatableResponse recommend(String body) {
        ValidatableResponse response = given()
                .contentType(ContentType.JSON).body(body)
                .when().post("/models/recommend")
                .then()
                .statusCode(200);
        assertThat(response.extract().jsonPath().getList("recommendations")).isNotNull();
        return response;
    }
}
