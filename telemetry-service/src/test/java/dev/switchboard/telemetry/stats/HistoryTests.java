package dev.switchboard.telemetry.stats;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;

/** Time series for charts at GET /telemetry/history. */
@QuarkusTest
class HistoryTests {

    @Inject
    UsageIngestor ingestor;

    @Test
    void historyHasEveryBucketWithTruePercentilesOfEach() {
        String provider = Event.unique("history");
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        for (int latency = 1; latency <= 100; latency++) {
            ingestor.ingest(Event.of(provider, "m").at(minute.plusSeconds(latency % 60)).latency(latency).build());
        }
        ingestor.ingest(Event.of(provider, "m").at(minute.plus(3, ChronoUnit.MINUTES)).failed(ErrorClass.AUTH, "bad key")
                .latency(1000).build());

        JsonPath history = given()
                .queryParam("provider", provider).queryParam("hours", 1).queryParam("bucket", "minute")
                .when().get("/telemetry/history")
                .then()
                .statusCode(200)
                .body("bucket", is("minute"))
                .body("points", hasSize(60))
                .extract().jsonPath();
        String at = "points.find { it.time == '" + minute + "' }";
        assertThat(history.getInt(at + ".requests")).isEqualTo(100);
        assertThat(history.getFloat(at + ".latencyP50Ms")).isEqualTo(50.5f);
        assertThat(history.getFloat(at + ".latencyP95Ms")).isEqualTo(95.05f);
        assertThat(history.getFloat(at + ".latencyP99Ms")).isEqualTo(99.01f);
        String later = "points.find { it.time == '" + minute.plus(3, ChronoUnit.MINUTES) + "' }";
        assertThat(history.getInt(later + ".failures")).isEqualTo(1);
        assertThat(history.getInt("points.requests.sum()")).isEqualTo(101);
        assertThat(history.getString("points.find { it.requests == 0 }.latencyP50Ms")).isNull();

        given()
                .queryParam("provider", provider).queryParam("hours", 3).queryParam("bucket", "hour")
                .when().get("/telemetry/history")
                .then()
                .statusCode(200)
                .body("points", hasSize(3))
                .body("points.requests.sum()", is(101))
                .body("points[0].latencyP95Ms", nullValue());
    }
}
