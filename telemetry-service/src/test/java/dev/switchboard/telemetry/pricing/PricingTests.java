package dev.switchboard.telemetry.pricing;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Stub;

/** Events are priced from the stub registry's effective-dated prices; unpriced ones are priced again later. */
@QuarkusTest
class PricingTests {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String OLD_FROM = NOW.minus(10, ChronoUnit.DAYS).toString();
    private static final String NEW_FROM = NOW.minus(1, ChronoUnit.DAYS).toString();
    // 500k uncached input × 3 + 200k cached × 0.3 + 200k 5-minute writes × 3.75 + 100k 1-hour writes × 6
    // + 60k answer tokens × 15 + 40k reasoning tokens × 20, per million.
    private static final String EVERY_KIND_COST = "4.61";

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    UsageIngestor ingestor;

    @Inject
    Repricer repricer;

    @Test
    void eachEventIsPricedAtThePriceInForceAtItsTime() {
        String provider = Event.unique("priced");
        String modelId = "vendor/llama3.2:3b";
        Map<String, Object> pending = Stub.price(NOW.minus(1, ChronoUnit.HOURS).toString(), "100", null, "100", "catalog");
        pending.put("status", "pending");
        new Stub(stubUrl).model(provider, modelId, "good", List.of("text"), List.of(pending,
                Stub.price(NEW_FROM, "3", "1.5", "6", "manual"),
                Stub.price(OLD_FROM, "1", null, "2", "catalog")));

        UsageEvent recent = Event.of(provider, modelId).at(NOW.minus(2, ChronoUnit.HOURS)).tokens(1000, 400, 500).build();
        UsageEvent older = Event.of(provider, modelId).at(NOW.minus(5, ChronoUnit.DAYS)).tokens(1000, 400, 500).build();
        UsageEvent beforeAnyPrice = Event.of(provider, modelId).at(NOW.minus(20, ChronoUnit.DAYS)).build();
        List.of(recent, older, beforeAnyPrice).forEach(ingestor::ingest);

        JsonPath rows = exportedRows(provider);
        // (600 uncached x 3 + 400 cached x 1.5 + 500 output x 6) per million; the pending price is not in force.
        assertThat(rows.getString("find { it.request_id == '" + recent.requestId() + "' }.cost_usd")).isEqualTo("0.0054");
        assertThat(rows.getString("find { it.request_id == '" + recent.requestId() + "' }.price_source")).isEqualTo("manual");
        // No cached price then: cached tokens at the input price, (1000 x 1 + 500 x 2) per million.
        assertThat(rows.getString("find { it.request_id == '" + older.requestId() + "' }.cost_usd")).isEqualTo("0.002");
        assertThat(rows.getString("find { it.request_id == '" + older.requestId() + "' }.price_source")).isEqualTo("catalog");
        assertThat(rows.getString("find { it.request_id == '" + beforeAnyPrice.requestId() + "' }.price_source"))
                .isEqualTo("unpriced");
        assertThat(new Stub(stubUrl).registryPaths()).contains("/models/" + provider + "/" + modelId);

        given()
                .queryParam("provider", provider).queryParam("hours", 24 * 30)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models[0].costUsd", is(0.0074f))
                .body("models[0].unpricedRequests", is(1));
        given()
                .queryParam("hours", 24 * 30)
                .when().get("/telemetry/insights")
                .then()
                .statusCode(200)
                .body("insights.findAll { it.kind == 'unpriced-model' }.provider", hasItem(provider))
                .body("insights.find { it.kind == 'unpriced-model' && it.provider == '" + provider
                        + "' }.numbers.reasons", is("no_price"));
    }

    @Test
    void aStreamCutOffHalfWayIsPricedForWhatItStreamed() {
        String provider = Event.unique("cut");
        new Stub(stubUrl).model(provider, "m", "good", List.of("text"), List.of(Stub.price(OLD_FROM, "2", null, "10",
                "catalog")));

        UsageEvent cut = Event.of(provider, "m").failed(ErrorClass.STREAM_CUT,
                "stream cut after 12 chunks (network): connection reset").tokens(300, 0, 120).build();
        ingestor.ingest(cut);

        JsonPath rows = exportedRows(provider);
        assertThat(rows.getString("[0].outcome")).isEqualTo("error");
        assertThat(rows.getString("[0].error_class")).isEqualTo("stream_cut");
        assertThat(rows.getLong("[0].output_tokens")).isEqualTo(120);
        // (300 input x 2 + 120 output x 10) per million.
        assertThat(rows.getString("[0].cost_usd")).isEqualTo("0.0018");
        assertThat(rows.getString("[0].price_source")).isEqualTo("catalog");
    }

    @Test
    void eventsStoredWhileTheRegistryIsDownArePricedOnceItAnswers() throws Exception {
        String provider = Event.unique("outage");
        new Stub(stubUrl).fail(provider + "/m", 503);
        UsageEvent event = Event.of(provider, "m").tokens(2_000_000, 0, 1_000_000).build();
        ingestor.ingest(event);
        assertThat(exportedRows(provider).getString("[0].price_source")).isEqualTo("unpriced");
        hourlyRow(provider).then().body("[0].unpriced_requests", is(1)).body("[0].cost_usd", is(0));

        new Stub(stubUrl).model(provider, "m", "basic", List.of("text"), List.of(Stub.price(OLD_FROM, "0.5", null, "2",
                "catalog")));
        assertThat(repricer.reprice(Instant.now())).isGreaterThanOrEqualTo(1);

        assertThat(exportedRows(provider).getString("[0].cost_usd")).isEqualTo("3");
        hourlyRow(provider).then().body("[0].unpriced_requests", is(0)).body("[0].cost_usd", is(3));
        assertThat(repricer.reprice(Instant.now())).as("a second run finds nothing left to price").isZero();
        hourlyRow(provider).then().body("[0].cost_usd", is(3));
    }

    @Test
    void cacheWritesAndReasoningArePricedAtTheirOwnRegistryPrices() {
        String provider = Event.unique("kinds");
        new Stub(stubUrl).model(provider, "m", "good", List.of("text"), List.of(everyKindPriced()));

        ingestor.ingest(everyKindUsed(provider));

        JsonPath rows = exportedRows(provider);
        // At input and output prices alone this would cost 800k × 3 + 200k × 0.3 + 100k × 15 = 3.96.
        assertThat(rows.getString("[0].cost_usd")).isEqualTo(EVERY_KIND_COST);
        assertThat(rows.getLong("[0].reasoning_tokens")).isEqualTo(40_000);
        assertThat(rows.getLong("[0].cache_write_tokens")).isEqualTo(300_000);
        assertThat(rows.getLong("[0].cache_write_1h_tokens")).isEqualTo(100_000);
        JsonPath hour = hourlyRow(provider).then().statusCode(200).extract().jsonPath();
        assertThat(hour.getString("[0].cost_usd")).isEqualTo(EVERY_KIND_COST);
        assertThat(hour.getLong("[0].reasoning_tokens")).isEqualTo(40_000);
        assertThat(hour.getLong("[0].cache_write_tokens")).isEqualTo(300_000);
        assertThat(hour.getLong("[0].cache_write_1h_tokens")).isEqualTo(100_000);
    }

    @Test
    void anEventPricedLaterIsPricedByKindToo() throws Exception {
        String provider = Event.unique("kinds-later");
        new Stub(stubUrl).fail(provider + "/m", 503);
        ingestor.ingest(everyKindUsed(provider));
        assertThat(exportedRows(provider).getString("[0].price_source")).isEqualTo("unpriced");

        new Stub(stubUrl).model(provider, "m", "good", List.of("text"), List.of(everyKindPriced()));
        assertThat(repricer.reprice(Instant.now())).isGreaterThanOrEqualTo(1);

        assertThat(exportedRows(provider).getString("[0].cost_usd")).isEqualTo(EVERY_KIND_COST);
        assertThat(hourlyRow(provider).then().extract().jsonPath().getString("[0].cost_usd")).isEqualTo(EVERY_KIND_COST);
    }

    private static Map<String, Object> everyKindPriced() {
        Map<String, Object> price = Stub.price(OLD_FROM, "3", "0.3", "15", "catalog");
        // Numbers, as the registry writes them: the strict mapper reads no price from a string.
        price.put("cacheWriteCostPerMillion", new BigDecimal("3.75"));
        price.put("cacheWrite1hCostPerMillion", new BigDecimal("6"));
        price.put("reasoningCostPerMillion", new BigDecimal("20"));
        return price;
    }

    /**
     * 1M input tokens (200k read from the cache, 300k written to it, 100k of them for an hour), 100k output (40k reasoning).
     */
    private static UsageEvent everyKindUsed(String provider) {
        return Event.of(provider, "m").tokens(1_000_000, 200_000, 100_000).cacheWrites(300_000, 100_000).reasoning(40_000)
                .build();
    }

    private static JsonPath exportedRows(String provider) {
        return given()
                .queryParam("format", "json").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.Response hourlyRow(String provider) {
        return given()
                .queryParam("format", "json").queryParam("granularity", "hour").queryParam("provider", provider)
                .when().get("/telemetry/export");
    }
}
