package dev.switchboard.telemetry.housekeeping;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Ops;

/** POST /telemetry/reset: only with the admin key (the ops key may only read), and it says what it cleared. */
@QuarkusTest
class ResetTests {

    @Inject
    UsageIngestor ingestor;

    @Test
    void resetWithTheAdminKeyClearsEverythingAndSaysWhat() {
        String provider = Event.unique("reset");
        ingestor.ingest(Event.of(provider, "m").build());
        ingestor.ingest(Event.of(provider, "m").build());

        RestAssured.given()
                .header("Authorization", "Bearer " + Ops.ADMIN_KEY)
                .when().post("/telemetry/reset")
                .then()
                .statusCode(200)
                .body("clearedAt", notNullValue())
                .body("cleared.usage_event", greaterThanOrEqualTo(2))
                .body("cleared.usage_rollup_minute", greaterThanOrEqualTo(1))
                .body("cleared.usage_rollup_hour", greaterThanOrEqualTo(1))
                .body("cleared.alert", greaterThanOrEqualTo(0))
                .body("cleared.cached_prices", greaterThanOrEqualTo(1))
                .body("kept", hasSize(3));

        given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models", hasSize(0));
        given()
                .queryParam("format", "json").queryParam("granularity", "hour").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .body("$", hasSize(0));
    }

    @Test
    void resetWithoutOrWithAWrongKeyIsRefusedInTheErrorShape() {
        RestAssured.given()
                .when().post("/telemetry/reset")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", is("invalid_api_key"))
                .body("error.type", is("authentication_error"));
        RestAssured.given()
                .header("Authorization", "Bearer not-the-key")
                .when().post("/telemetry/reset")
                .then()
                .statusCode(401)
                .body("error.message", is("Incorrect API key provided."));
        given()
                .when().post("/telemetry/reset")
                .then()
                .statusCode(403)
                .body("error.type", is("permission_error"))
                .body("error.code", is("permission_denied"));
    }
}
