package dev.switchboard.router.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.router.testing.RegistryStubResource;

/** The header limit every service enforces (switchboard.http.max-header-size, 20 KB): just under it is served. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
class HeaderLimitTests {

    private static final String API_KEY = "test-key";

    @Test
    void aHeaderSectionJustUnderTheLimitIsServed() {
        given()
                .header("Authorization", "Bearer " + API_KEY)
                .header("X-Trace-Notes", "a".repeat(19 * 1024))
                .when().get("/v1/models")
                .then()
                .statusCode(200)
                .body("object", is("list"));
    }

    @Test
    void aHeaderSectionJustOverTheLimitIsA431InTheCallersDialectAndClosesTheConnection() {
        given()
                .header("Authorization", "Bearer " + API_KEY)
                .header("X-Trace-Notes", "a".repeat(20 * 1024))
                .when().get("/v1/models")
                .then()
                .statusCode(431)
                .header("Connection", "close")
                .body("error.type", is("invalid_request_error"))
                .body("error.message", containsString("20480 bytes"));
        given()
                .header("x-api-key", API_KEY)
                .header("X-Trace-Notes", "a".repeat(20 * 1024))
                .when().post("/v1/messages")
                .then()
                .statusCode(431)
                .body("type", is("error"))
                .body("error.type", is("invalid_request_error"))
                .body("error.message", containsString("20480 bytes"));
    }
}
