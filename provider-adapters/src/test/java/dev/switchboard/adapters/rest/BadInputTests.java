package dev.switchboard.adapters.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.ErrorShape;
import dev.switchboard.local.testing.KafkaTestResource;

/** Runs the adapters' bad-input corpus: every case is refused in the error shape, and the adapters serve on after it. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class BadInputTests {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    static List<BadInput> corpus() {
        return AdapterBadInputs.all();
    }

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedAndTheAdaptersServeOn(BadInput input) {
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
        given()
                .header("Authorization", "Bearer " + AdapterBadInputs.OPS_KEY)
                .when().get("/providers/mock/models")
                .then()
                .statusCode(200)
                .body("data.id", hasItem("echo"));
    }
}
