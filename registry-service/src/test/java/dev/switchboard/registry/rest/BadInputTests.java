package dev.switchboard.registry.rest;

import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.BadInputSuite;
import dev.switchboard.local.testing.HttpCall;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.local.testing.RawHttp;
import dev.switchboard.registry.testing.StubServices;

/** Runs the registry's bad-input corpus ({@link BadInputSuite}), and checks the calls its cases start from. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class BadInputTests extends BadInputSuite {

    @Override
    protected List<BadInput> corpus() {
        return RegistryBadInputs.all();
    }

    @Override
    protected int leastCases() {
        return 201;
    }

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void theBodiesTheWrongTypeCasesStartFromAreAccepted() {
        given()
                .contentType(ContentType.JSON).body(RegistryBadInputs.ASK)
                .when().post(RegistryBadInputs.RECOMMEND)
                .then()
                .statusCode(200);
        asAdmin().body(RegistryBadInputs.MODEL).when().post("/models").then().statusCode(201);
        asAdmin().body(RegistryBadInputs.PRICE).when().post(RegistryBadInputs.ABSENT + "/prices").then().statusCode(201);
        asAdmin().body(RegistryBadInputs.MODEL).when().put(RegistryBadInputs.ABSENT).then().statusCode(200);
        asAdmin().when().delete(RegistryBadInputs.ABSENT).then().statusCode(204);
    }

    @Test
    void aBodyWithoutContentTypeIsReadAsJson() {
        HttpCall untyped = HttpCall.post(RegistryBadInputs.RECOMMEND, "")
                .body(RegistryBadInputs.ASK.getBytes(StandardCharsets.UTF_8), null);
        RawHttp.Answer answer = RawHttp.exchange(port(), untyped);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Override
    protected void assertAnswering() {
        given()
                .when().get("/models?provider=mock")
                .then()
                .statusCode(200)
                .body("data.id", hasItem("mock/echo"));
    }
}
