package dev.switchboard.registry.rest;

import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.ErrorShape;
import dev.switchboard.local.testing.HttpCall;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.local.testing.RawHttp;
import dev.switchboard.registry.testing.StubServices;

/** Runs the registry's bad-input corpus: every case is refused in the error shape, and the registry serves on after it. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class BadInputTests {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    static List<BadInput> corpus() {
        return RegistryBadInputs.all();
    }

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedAndTheRegistryServesOn(BadInput input) {
        ErrorShape.assertRefused(RestAssured.port, input);

        assertServing();
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
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, untyped);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void theCorpusNamesEveryCaseOnce() {
        assertThat(corpus()).hasSizeGreaterThan(200);
        assertThat(corpus()).extracting(BadInput::name).doesNotHaveDuplicates();
    }

    private void assertServing() {
        given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200);
        given()
                .when().get("/models?provider=mock")
                .then()
                .statusCode(200)
                .body("data.id", hasItem("mock/echo"));
    }
}
