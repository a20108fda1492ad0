package dev.switchboard.telemetry.ingest;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.ingest.UsageIngestor.BatchResult;
import dev.switchboard.telemetry.testing.Event;

/** A batch is one transaction: new events stored once, rollups summed per row, and only a refused event left out. */
@QuarkusTest
class BatchIngestionTests {

    @Inject
    UsageIngestor ingestor;

    @Test
    void aBatchStoresEachNewEventOnceAndRefusesOnlyWhatTheDatabaseCannotHold() {
        String provider = Event.unique("batch");
        UsageEvent fast = Event.of(provider, "m").latency(10).build();
        UsageEvent slow = Event.of(provider, "m").latency(30).build();
        // PostgreSQL refuses a NUL character in text (SQL state 22021): that event can never be stored.
        UsageEvent unstorable = Event.of(provider, "m").failed(ErrorClass.SERVER_ERROR, "nul \u0000 byte").build();

        BatchResult result = ingestor.ingestAll(List.of(fast, slow, fast, unstorable));

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.refused()).containsOnlyKeys(3);
        assertThat(result.refused().get(3)).contains("refused by the database");
        assertThat(ingestor.ingestAll(List.of(slow, fast)).stored()).isZero();
        given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models[0].requests", is(2))
                .body("models[0].failures", is(0))
                .body("models[0].latencyAvgMs", is(20.0f));
    }
}
