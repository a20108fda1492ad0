package dev.switchboard.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.ErrorShape;
import dev.switchboard.telemetry.testing.Ops;

/** Runs telemetry's bad-input corpus: every case is refused in the error shape, and telemetry serves on after it. */
@QuarkusTest
class BadInputTests {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    static List<BadInput> corpus() {
        return TelemetryBadInputs.all();
    }

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedAndTelemetryServesOn(BadInput input) {
        ErrorShape.assertRefused(RestAssured.port, input);

        assertServing();
    }

    @Test
    void theCorpusNamesEveryCaseOnce() {
        assertThat(corpus()).extracting(BadInput::name).doesNotHaveDuplicates();
    }

    private void assertServing() {
        given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200);
        Ops.given()
                .when().get("/telemetry?hours=1")
                .then()
                .statusCode(200)
                .body("models", notNullValue());
    }
}
