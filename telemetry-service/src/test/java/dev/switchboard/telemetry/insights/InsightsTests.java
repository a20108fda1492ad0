package dev.switchboard.telemetry.insights;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Stub;

/** The recommendations at GET /telemetry/insights, with the numbers behind them. */
@QuarkusTest
class InsightsTests {

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    UsageIngestor ingestor;

    @Test
    void latencyThatDoubledAgainstItsBaselineIsReported() {
        String provider = Event.unique("regress");
        Instant now = Instant.now();
        ingest(25, Event.of(provider, "m").at(now.minus(5, ChronoUnit.HOURS)).latency(100));
        ingest(25, Event.of(provider, "m").at(now.minus(10, ChronoUnit.MINUTES)).latency(300));

        Map<String, Object> numbers = insight("latency-regression", provider).getMap("numbers");
        assertThat(numbers).containsEntry("recentP95Ms", 300.0f).containsEntry("baselineP95Ms", 100.0f)
                .containsEntry("ratio", 3.0f).containsEntry("recentRequests", 25).containsEntry("baselineRequests", 25);
    }

    @Test
    void providerWithARisingErrorRateIsReported() {
        String provider = Event.unique("flaky");
        Instant now = Instant.now();
        ingest(40, Event.of(provider, "m").at(now.minus(3, ChronoUnit.HOURS)));
        ingest(15, Event.of(provider, "m").at(now.minus(5, ChronoUnit.MINUTES)));
        ingest(10, Event.of(provider, "m").at(now.minus(5, ChronoUnit.MINUTES)).failed(ErrorClass.SERVER_ERROR, "502"));

        JsonPath insight = insight("error-rate-rising", provider);
        assertThat(insight.getString("severity")).isEqualTo("warning");
        assertThat(insight.getMap("numbers")).containsEntry("recentErrorRatePercent", 40.0f)
                .containsEntry("baselineErrorRatePercent", 0.0f).containsEntry("recentFailures", 10);
    }

    @Test
    void trafficThatACheaperModelOfTheSameTierCouldServeIsReportedWithTheSaving() {
        String provider = Event.unique("costly");
        Stub stub = new Stub(stubUrl);
        stub.model(provider, "big", "high", List.of("text", "vision"), List.of(price("10", "30")));
        stub.model(provider, "small", "high", List.of("text", "vision", "json-mode"), List.of(price("1", "3")));
        stub.model(provider, "blind", "high", List.of("text"), List.of(price("0.1", "0.3")));
        stub.model(provider, "basic", "basic", List.of("text", "vision"), List.of(price("0.1", "0.3")));
        ingest(10, Event.of(provider, "big").tokens(100_000, 0, 10_000));

        JsonPath insight = insight("cheaper-model", provider);
        Map<String, Object> numbers = insight.getMap("numbers");
        // 1M input and 100k output tokens: 10 + 3 = 13 USD on big, 1 + 0.3 = 1.3 USD on small.
        assertThat(numbers).containsEntry("alternative", provider + "/small").containsEntry("qualityTier", "high")
                .containsEntry("costUsd", 13).containsEntry("alternativeCostUsd", 1.3f).containsEntry("savingUsd", 11.7f)
                .containsEntry("savingPercent", 90.0f);
        assertThat(insight.getString("model")).isEqualTo("big");
    }

    @Test
    void theCheaperModelIsTheOneWhoseSuccessfulCallCostsLeastNotTheLowestPrice() {
        String provider = Event.unique("like-with-like");
        Stub stub = new Stub(stubUrl);
        stub.model(provider, "big", "high", List.of("text"), List.of(price("10", "30")));
        stub.model(provider, "flaky", "high", List.of("text"), List.of(price("1", "3")));
        stub.model(provider, "steady", "high", List.of("text"), List.of(price("5", "15")));
        ingest(10, Event.of(provider, "big").tokens(100_000, 0, 10_000));
        // flaky answers one attempt in twenty: each success costs twenty attempts.
        ingest(1, Event.of(provider, "flaky").tokens(1000, 0, 100));
        ingest(19, Event.of(provider, "flaky").failed(ErrorClass.SERVER_ERROR, "502").tokens(1000, 0, 0));
        ingest(20, Event.of(provider, "steady").tokens(1000, 0, 100));

        JsonPath insight = insight("cheaper-model", provider, "big");
        Map<String, Object> numbers = insight.getMap("numbers");
        // Per successful call on big: (100k x 10 + 10k x 30) per million = 1.3 USD; on steady 0.65; on flaky
        // 0.13 per attempt, 2.6 per success at its 5% success rate.
        assertThat(numbers).containsEntry("alternative", provider + "/steady")
                .containsEntry("costPerSuccessUsd", 1.3f).containsEntry("alternativeCostPerSuccessUsd", 0.65f)
                .containsEntry("alternativeSuccessRate", 1.0f).containsEntry("alternativeSuccessRateMeasured", true)
                .containsEntry("savingUsd", 6.5f).containsEntry("savingPercent", 50.0f);
        // 13 USD over 1.1M tokens, 6.5 on steady.
        assertThat(numbers).containsEntry("costPer1kTokensUsd", 0.011818f)
                .containsEntry("alternativeCostPer1kTokensUsd", 0.005909f);
    }

    @Test
    void statisticsShowTheCostPerSuccessfulCallAndPerThousandTokens() {
        String provider = Event.unique("unit-costs");
        new Stub(stubUrl).model(provider, "m", "high", List.of("text"), List.of(price("2", "10")));
        ingest(3, Event.of(provider, "m").tokens(1000, 0, 500));
        ingest(1, Event.of(provider, "m").failed(ErrorClass.SERVER_ERROR, "502").tokens(1000, 0, 0));

        // Three successes at 0.007 USD and a failure that read 1000 tokens at 0.002: 0.023 USD over 5500 tokens.
        given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models[0].costUsd", is(0.023f))
                .body("models[0].costPerSuccessUsd", is(0.007666666667f))
                .body("models[0].costPer1kTokensUsd", is(0.004181818182f));
    }

    @Test
    void repeatedPromptsWithoutCacheHitsSuggestTurningCachingOn() {
        String provider = Event.unique("repeats");
        ingest(30, Event.of(provider, "m").tokens(1000, 600, 50));

        Map<String, Object> numbers = insight("enable-caching", provider).getMap("numbers");
        assertThat(numbers).containsEntry("cachedInputShare", 0.6f).containsEntry("cacheHits", 0)
                .containsEntry("requests", 30);
    }

    @Test
    void aSyncedPriceThatDiffersFromTheManualPriceInForceIsADriftNamingBothPricesAndBothSources() {
        String provider = Event.unique("drifting");
        Map<String, Object> manual = Stub.price("2026-11-01T00:00:00Z", "2.5", null, "12", "manual");
        Map<String, Object> synced = Stub.price("2026-12-01T00:00:00Z", "3", "0.3", "15", "sync");
        synced.put("sourceReference", "https://prices.example/model_prices_and_context_window.json");
        synced.put("status", "pending");
        new Stub(stubUrl).drift(provider, "m", "pending", manual, synced);

        JsonPath insight = insight("price-drift", provider);
        assertThat(insight.getString("severity")).isEqualTo("warning");
        assertThat(insight.getString("model")).isEqualTo("m");
        assertThat(insight.getString("title")).contains("https://prices.example/model_prices_and_context_window.json",
                "input 3 and output 15", "manual", "input 2.5 and output 12");
        assertThat(insight.getString("recommendation")).contains("POST /models/" + provider + "/m/prices/accept");
        assertThat(insight.getMap("numbers.inForce")).containsEntry("source", "manual")
                .containsEntry("inputCostPerMillion", 2.5f).containsEntry("outputCostPerMillion", 12);
        assertThat(insight.getMap("numbers.synced")).containsEntry("source", "sync")
                .containsEntry("sourceReference", "https://prices.example/model_prices_and_context_window.json")
                .containsEntry("inputCostPerMillion", 3).containsEntry("cachedInputCostPerMillion", 0.3f);
        assertThat(insight.getString("numbers.resolution")).isEqualTo("pending");
    }

    private static JsonPath insight(String kind, String provider) {
        return insight(kind, provider, null);
    }

    /** The insight of that kind for the provider, and for the model unless it is null. */
    private static JsonPath insight(String kind, String provider, String model) {
        JsonPath insights = given()
                .when().get("/telemetry/insights")
                .then()
                .statusCode(200)
                .extract().jsonPath();
        String path = "insights.find { it.kind == '" + kind + "' && it.provider == '" + provider + "'"
                + (model == null ? "" : " && it.model == '" + model + "'") + " }";
        assertThat(insights.getMap(path)).as("%s insight for %s in %s", kind, provider, insights.prettify()).isNotNull();
        return new JsonPath(insights.prettify()).setRootPath(path);
    }

    private static Map<String, Object> price(String input, String output) {
        return Stub.price("2020-01-01T00:00:00Z", input, null, output, "catalog");
    }

    private void ingest(int count, Event event) {
        for (int i = 0; i < count; i++) {
            ingestor.ingest(event.requestId("req-" + UUID.randomUUID()).build());
        }
    }
}
