package dev.switchboard.telemetry.insights;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;

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
        JsonPath insights = given()
                .when().get("/telemetry/insights")
                .then()
                .statusCode(200)
                .extract().jsonPath();
        String path = "insights.find { it.kind == '" + kind + "' && it.provider == '" + provider + "' }";
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
