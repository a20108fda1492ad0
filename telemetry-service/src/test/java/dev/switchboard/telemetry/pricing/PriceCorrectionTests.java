package dev.switchboard.telemetry.pricing;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Stub;

/** A price corrected in the registry prices the period it covers again: events, rollups, exports and statistics. */
@QuarkusTest
class PriceCorrectionTests {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final Instant TEN_DAYS_AGO = NOW.minus(10, ChronoUnit.DAYS);
    private static final Instant THREE_DAYS_AGO = NOW.minus(3, ChronoUnit.DAYS);

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    UsageIngestor ingestor;

    @Inject
    PriceCorrections corrections;

    @Test
    void aCorrectionRewritesTheCostsAndRollupsOfThePeriodItCoversAndNoOther() throws Exception {
        String provider = Event.unique("corrected");
        Map<String, Object> original = Stub.price(TEN_DAYS_AGO.toString(), "2", null, "10", "catalog");
        new Stub(stubUrl).model(provider, "m", "good", List.of("text"), List.of(original));
        corrections.apply();
        UsageEvent before = Event.of(provider, "m").at(NOW.minus(5, ChronoUnit.DAYS)).tokens(1000, 0, 500).build();
        UsageEvent covered = Event.of(provider, "m").at(NOW.minus(2, ChronoUnit.HOURS)).tokens(1000, 0, 500).build();
        List.of(before, covered).forEach(ingestor::ingest);
        // (1000 input x 2 + 500 output x 10) per million, each.
        assertThat(cost(provider, covered)).isEqualTo("0.007");
        assertThat(hourlyCost(provider, covered)).isEqualTo("0.007");

        // An operator corrects the last three days: the price was 4 and 20.
        Map<String, Object> correction = Stub.price(THREE_DAYS_AGO.toString(), "4", null, "20", "manual");
        correction.put("setAt", Instant.now().toString());
        new Stub(stubUrl).model(provider, "m", "good", List.of("text"), List.of(correction, original));

        assertThat(corrections.apply()).as("events priced again").isEqualTo(1);

        assertThat(cost(provider, covered)).isEqualTo("0.014");
        assertThat(source(provider, covered)).isEqualTo("manual");
        assertThat(hourlyCost(provider, covered)).isEqualTo("0.014");
        assertThat(cost(provider, before)).as("before the corrected period").isEqualTo("0.007");
        assertThat(hourlyCost(provider, before)).isEqualTo("0.007");
        assertThat(statsCost(provider)).isEqualTo(0.021f);
        assertThat(corrections.apply()).as("a correction is applied once").isZero();
        assertThat(statsCost(provider)).isEqualTo(0.021f);

        UsageEvent after = Event.of(provider, "m").tokens(1000, 0, 500).build();
        ingestor.ingest(after);
        assertThat(cost(provider, after)).as("the corrected price is the one in force from now on").isEqualTo("0.014");
    }

    @Test
    void anEventUnpricedUntilACorrectionCoversItIsPricedAndNoLongerCountsUnpriced() throws Exception {
        String provider = Event.unique("covered");
        new Stub(stubUrl).model(provider, "m", "good", List.of("text"),
                List.of(Stub.price(THREE_DAYS_AGO.toString(), "1", null, "1", "catalog")));
        corrections.apply();
        UsageEvent early = Event.of(provider, "m").at(NOW.minus(5, ChronoUnit.DAYS)).tokens(1_000_000, 0, 0).build();
        ingestor.ingest(early);
        assertThat(source(provider, early)).isEqualTo("unpriced");
        assertThat(hourly(provider, early, "unpriced_requests")).isEqualTo("1");

        Map<String, Object> correction = Stub.price(TEN_DAYS_AGO.toString(), "0.5", null, "1", "manual");
        correction.put("setAt", Instant.now().toString());
        new Stub(stubUrl).model(provider, "m", "good", List.of("text"),
                List.of(Stub.price(THREE_DAYS_AGO.toString(), "1", null, "1", "catalog"), correction));

        assertThat(corrections.apply()).isEqualTo(1);

        assertThat(cost(provider, early)).isEqualTo("0.5");
        assertThat(hourly(provider, early, "unpriced_requests")).isEqualTo("0");
        assertThat(hourlyCost(provider, early)).isEqualTo("0.5");
    }

    private static String cost(String provider, UsageEvent event) {
        return attempt(provider, event, "cost_usd");
    }

    private static String source(String provider, UsageEvent event) {
        return attempt(provider, event, "price_source");
    }

    /** A field of the event's row in the per-attempt export. */
    private static String attempt(String provider, UsageEvent event, String field) {
        return given()
                .queryParam("format", "json").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then().statusCode(200).extract().jsonPath()
                .getString("find { it.request_id == '" + event.requestId() + "' }." + field);
    }

    private static String hourlyCost(String provider, UsageEvent event) {
        return hourly(provider, event, "cost_usd");
    }

    /** A field of the hourly export's row for the hour the event fell in. */
    private static String hourly(String provider, UsageEvent event, String field) {
        Instant hour = event.timestamp().truncatedTo(ChronoUnit.HOURS);
        return given()
                .queryParam("format", "json").queryParam("granularity", "hour").queryParam("provider", provider)
                .queryParam("from", hour.toString()).queryParam("to", hour.plus(1, ChronoUnit.HOURS).toString())
                .when().get("/telemetry/export")
                .then().statusCode(200).extract().jsonPath()
                .getString("[0]." + field);
    }

    private static float statsCost(String provider) {
        return given()
                .queryParam("provider", provider).queryParam("hours", 24 * 30)
                .when().get("/telemetry")
                .then().statusCode(200).extract().jsonPath().getFloat("models[0].costUsd");
    }
}
