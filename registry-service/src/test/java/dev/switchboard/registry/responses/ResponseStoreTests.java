package dev.switchboard.registry.responses;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.testing.StubServices;

/** The router's stored responses in PostgreSQL: one key's responses, the retention, and who may call. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class ResponseStoreTests {

    private static final String OPS_KEY = "test-ops-key";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aStoredResponseIsReadAndDeletedByItsKeyOnly() {
        String id = "resp_" + UUID.randomUUID();
        asRouter()
                .body(body("key-a", id))
                .when().put("/responses/" + id)
                .then()
                .statusCode(204);

        asRouter()
                .queryParam("apiKeyId", "key-a")
                .when().get("/responses/" + id)
                .then()
                .statusCode(200)
                .body("apiKeyId", is("key-a"))
                .body("response.id", is(id))
                .body("inputItems[0].content", is("hello"))
                .body("conversation.size()", is(2));
        asRouter()
                .queryParam("apiKeyId", "key-b")
                .when().get("/responses/" + id)
                .then()
                .statusCode(404);
        asRouter()
                .queryParam("apiKeyId", "key-b")
                .when().delete("/responses/" + id)
                .then()
                .statusCode(404);

        asRouter()
                .queryParam("apiKeyId", "key-a")
                .when().delete("/responses/" + id)
                .then()
                .statusCode(204);
        asRouter()
                .queryParam("apiKeyId", "key-a")
                .when().get("/responses/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void anExpiredResponseIsNotFoundAndTheNextWriteDeletesIt() {
        String id = "resp_" + UUID.randomUUID();
        asRouter().body(body("key-a", id)).when().put("/responses/" + id).then().statusCode(204);
        QuarkusTransaction.requiringNew().run(() -> StoredResponse.update("expiresAt = ?1 where id = ?2",
                Instant.now().minusSeconds(1), id));

        asRouter()
                .queryParam("apiKeyId", "key-a")
                .when().get("/responses/" + id)
                .then()
                .statusCode(404);

        String next = "resp_" + UUID.randomUUID();
        asRouter().body(body("key-a", next)).when().put("/responses/" + next).then().statusCode(204);
        StoredResponse expired = QuarkusTransaction.requiringNew().call(() -> StoredResponse.findById(id));
        assertThat(expired).isNull();
    }

    @Test
    void onlyTheServicesMayCall() {
        given()
                .contentType(ContentType.JSON)
                .body(body("key-a", "resp_x"))
                .when().put("/responses/resp_x")
                .then()
                .statusCode(401);
    }

    private static String body(String apiKeyId, String id) {
        return """
                {"apiKeyId":"%s","response":{"id":"%s","object":"response","output":[]},
                 "inputItems":[{"type":"message","role":"user","content":"hello"}],
                 "conversation":[{"type":"message","role":"user","content":"hello"},
                                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"hi"}]}]}"""
                .formatted(apiKeyId, id);
    }

    private static RequestSpecification asRouter() {
        return given().header("Authorization", "Bearer " + OPS_KEY).contentType(ContentType.JSON);
    }
}
