package dev.switchboard.adapters.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.BadInputSuite;
import dev.switchboard.local.testing.KafkaTestResource;

/** Runs the adapters' bad-input corpus: every case is refused in the error shape, and the adapters serve on after it. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class BadInputTests extends BadInputSuite {

    @Override
    protected List<BadInput> corpus() {
        return AdapterBadInputs.all();
    }

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Override
    protected void assertAnswering() {
        given()
                .header("Authorization", "Bearer " + AdapterBadInputs.OPS_KEY)
                .when().get("/providers/mock/models")
                .then()
                .statusCode(200)
                .body("data.id", hasItem("echo"));
    }
}
