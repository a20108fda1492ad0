package dev.switchboard.router.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.LogCapture;
import dev.switchboard.router.testing.RegistryStubResource;

/** The router's side of the one authentication: caller keys on every /v1 route, in the caller's dialect. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
class AuthenticationTests {

    private static final String API_KEY = "test-key";
    private static final String ADMIN_KEY = "test-admin-key";
    private static final String WRONG_KEY = "sb-wrong-key-that-must-never-be-logged";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aCallWithoutKeyIsA401InvalidApiKey() {
        given()
                .contentType(ContentType.JSON)
                .body("{}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.type", is("authentication_error"))
                .body("error.code", is("invalid_api_key"))
                .body("error.param", nullValue());
    }

    @Test
    void aWrongKeyIsA401AndNeverLogged() {
        try (LogCapture log = LogCapture.start()) {
            given()
                    .header("Authorization", "Bearer " + WRONG_KEY)
                    .when().get("/v1/providers")
                    .then()
                    .statusCode(401)
                    .body("error.message", is("Incorrect API key provided."))
                    .body("error.code", is("invalid_api_key"));
            given()
                    .header("x-api-key", WRONG_KEY)
                    .when().get("/v1/models")
                    .then()
                    .statusCode(401);

            assertThat(log.text()).doesNotContain(WRONG_KEY).doesNotContain(API_KEY);
        }
    }

    @Test
    void theKeyMayComeAsXApiKeyAsAnthropicSdksSendIt() {
        given()
                .header("x-api-key", API_KEY)
                .when().get("/v1/providers")
                .then()
                .statusCode(200)
                .body("object", is("list"));
    }

    @Test
    void theAdminKeyHasNoRightToCallTheModels() {
        given()
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .when().get("/v1/providers")
                .then()
                .statusCode(403)
                .body("error.type", is("permission_error"))
                .body("error.code", is("permission_denied"));
    }

    @Test
    void refusalsUnderV1MessagesAreInAnthropicsShape() {
        given()
                .contentType(ContentType.JSON)
                .body("{}")
                .when().post("/v1/messages/auth-probe")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("type", is("error"))
                .body("error.type", is("authentication_error"))
                .body("error.message", is("You didn't provide an API key. Send it as 'Authorization: Bearer <key>' or"
                        + " 'x-api-key: <key>'."));
        given()
                .header("x-api-key", ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body("{}")
                .when().post("/v1/messages/auth-probe")
                .then()
                .statusCode(403)
                .body("type", is("error"))
                .body("error.type", is("permission_error"));
    }

    @Test
    void otherErrorsUnderV1MessagesAreInAnthropicsShapeToo() {
        given()
                .header("x-api-key", API_KEY)
                .contentType(ContentType.JSON)
                .body(" ")
                .when().post("/v1/messages/auth-probe")
                .then()
                .statusCode(400)
                .body("type", is("error"))
                .body("error.type", is("invalid_request_error"))
                .body("error.message", is("the body is empty"));
        given()
                .header("x-api-key", API_KEY)
                .when().get("/v1/messages/no-such-route")
                .then()
                .statusCode(404)
                .body("type", is("error"))
                .body("error.type", is("not_found_error"));
    }
}
