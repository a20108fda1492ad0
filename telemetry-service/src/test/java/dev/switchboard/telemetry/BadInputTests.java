package dev.switchboard.telemetry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.BadInputSuite;
import dev.switchboard.telemetry.testing.Ops;

/** Runs telemetry's bad-input corpus: every case is refused in the error shape, and telemetry serves on after it. */
@QuarkusTest
class BadInputTests extends BadInputSuite {

    @Override
    protected List<BadInput> corpus() {
        return TelemetryBadInputs.all();
    }

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Override
    protected void assertAnswering() {
        Ops.given()
                .when().get("/telemetry?hours=1")
                .then()
                .statusCode(200)
                .body("models", notNullValue());
    }
}
