package dev.switchboard.registry.rest;

import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static dev.switchboard.registry.testing.Fixtures.awaitModelRecord;
import static dev.switchboard.registry.testing.Fixtures.model;
import static dev.switchboard.registry.testing.Fixtures.price;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.LogCapture;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.service.CatalogFile;
import dev.switchboard.registry.service.CatalogUpsert;
import dev.switchboard.registry.testing.StubServices;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class AdminWriteTests {

    private static final String VALID = model("mock", "admin-valid", "\"text\"", 8192, 1024, "fast", "good", true,
            price("0.5", "1.5", "2025-01-01T00:00:00Z"));

    @Inject
    CatalogUpsert upsert;

    @Test
    void writesWithoutTheAdminKeyAreRefusedBeforeTheBodyIsRead() {
        given()
                .contentType(ContentType.JSON).body("{not json")
                .when().post("/models")
                .then()
                .statusCode(401)
                .body("error.code", is("invalid_api_key"))
                .body("error.type", is("authentication_error"));

        given()
                .header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(VALID)
                .when().post("/models")
                .then()
                .statusCode(401)
                .body("error.message", is("Incorrect API key provided."));

        given()
                .header("Authorization", "Bearer test-ops-key").contentType(ContentType.JSON).body(VALID)
                .when().post("/models")
                .then()
                .statusCode(403)
                .body("error.type", is("permission_error"))
                .body("error.code", is("permission_denied"));

        given()
                .when().delete("/models/mock/echo")
                .then()
                .statusCode(401);
        given().when().get("/models/mock/echo").then().statusCode(200);
    }

    @Test
    void noKeyEverAppearsInTheLog() {
        try (LogCapture log = LogCapture.start()) {
            given()
                    .header("Authorization", "Bearer sb-wrong-admin-key").contentType(ContentType.JSON).body(VALID)
                    .when().post("/models")
                    .then()
                    .statusCode(401);
            asAdmin().body("{\"provider\":").when().post("/models").then().statusCode(400);

            assertThat(log.text()).doesNotContain("sb-wrong-admin-key").doesNotContain("test-admin-key");
        }
    }

    @Test
    void invalidModelsAreRefusedWithA400NamingTheField() {
        refused(model("mock", "bad", "\"text\"", 1000, 2000, "fast", "good", false, "null"), "maxOutputTokens");
        refused(model("mock", "bad", "\"text\",\"telepathy\"", 1000, 100, "fast", "good", false, "null"), "capabilities");
        refused(model("mock", "bad", "\"text\"", 1000, 100, "warp", "good", false, "null"), "latencyTier");
        refused(model("mock", "bad", "\"text\"", 1000, 100, "fast", "great", false, "null"), "qualityTier");
        refused(model("nobody", "bad", "\"text\"", 1000, 100, "fast", "good", false, "null"), "provider");
        refused(model("mock", "bad", "\"text\"", 1000, 100, "fast", "good", false, price("-1", "1", "2025-01-01T00:00:00Z")),
                "inputCostPerMillion");
        refused("{\"provider\":\"mock\",\"modelId\":\"bad\",\"contextWindow\":\"big\"}", "contextWindow");
        refused("{\"provider\":\"mock\",\"modelId\":\"bad\"}", "displayName");

        asAdmin().body("{not json").when().post("/models").then().statusCode(400).body("error.type",
                is("invalid_request_error"));
        asAdmin().body(price("1", "-2", "2025-01-01T00:00:00Z")).when().post("/models/mock/echo/prices")
                .then().statusCode(400).body("error.param", is("outputCostPerMillion"));
        given().when().get("/models/mock/bad").then().statusCode(404);
    }

    @Test
    void oddValuesAre400sNotServerErrors() {
        refused(model("mock", "odd", "\"text\",null", 1000, 100, "fast", "good", false, "null"), "capabilities");
        refused(model("mock", "odd", "\"text\"", 1000, 100, "fast", "good", false, "null")
                .replace("\"displayName\":\"odd\"", "\"displayName\":\"" + "n".repeat(300) + "\""), "displayName");
        refused(model("mock", "odd", "\"text\"", 1000, 100, "fast", "good", false,
                price("1", "1", "+999999-01-01T00:00:00Z")), "effectiveFrom");
        refused(model("mock", "odd", "\"text\"", 1000, 100, "fast", "good", false, "null")
                .replace("1000", "99999999999"), "contextWindow");
        asAdmin().body(model("mock", "odd", "\"text\"", 1000, 100, "fast", "good", false, "null")
                .replace("\"openWeights\"", "\"sunsetDate\":\"+9999999-01-01\",\"openWeights\""))
                .when().post("/models")
                .then().statusCode(400).body("error.code", is("value_out_of_range"));
        asAdmin().body(price("1", "1", null).replace("\"test\"", "\"" + "r".repeat(600) + "\""))
                .when().post("/models/mock/echo/prices")
                .then().statusCode(400).body("error.param", is("sourceReference"));
        asAdmin().body("{\"provider\":").when().post("/models")
                .then().statusCode(400).body("error.message", startsWith("We could not parse the JSON body of your request"));
        given().when().get("/models/mock/odd").then().statusCode(404);
    }

    @Test
    void createReplaceAndDeleteArePublishedAndADeletionSticks() {
        asAdmin().body(VALID).when().post("/models")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/models/mock/admin-valid"))
                .body("origin", is("manual"))
                .body("price.source", is("manual"))
                .body("price.inputCostPerMillion", is(0.5f));
        asAdmin().body(VALID).when().post("/models").then().statusCode(409).body("error.code", is("model_exists"));
        assertThat(awaitModelRecord("mock/admin-valid", "\"change\":\"created\"").value())
                .contains("\"contextWindow\":8192", "\"inputCostPerMillion\":0.5");

        asAdmin().body(model("mock", "admin-valid", "\"text\",\"code\"", 16384, 2048, "medium", "high", true, "null"))
                .when().put("/models/mock/admin-valid")
                .then()
                .statusCode(200)
                .body("contextWindow", is(16384))
                .body("capabilities", hasItem("code"));
        awaitModelRecord("mock/admin-valid", "\"change\":\"updated\"");
        asAdmin().body(model("mock", "other", "\"text\"", 16384, 2048, "medium", "high", true, "null"))
                .when().put("/models/mock/admin-valid")
                .then().statusCode(400).body("error.param", is("modelId"));

        asAdmin().when().delete("/models/mock/admin-valid").then().statusCode(204);
        given().when().get("/models/mock/admin-valid").then().statusCode(404);
        assertThat(awaitModelRecord("mock/admin-valid", null).value()).isNull();

        upsert.apply(catalogWith("admin-valid"));
        given().when().get("/models/mock/admin-valid").then().statusCode(404);
        given().queryParam("provider", "mock").when().get("/models").then().body("data.modelId", not(hasItem("admin-valid")));
    }

    private static void refused(String body, String param) {
        asAdmin().body(body).when().post("/models")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is(param));
    }

    private static CatalogFile catalogWith(String modelId) {
        var price = new CatalogFile.CatalogPrice(java.math.BigDecimal.ONE, java.math.BigDecimal.ONE, null, null, null, null,
                java.time.LocalDate.of(2026, 1, 1), "test", "provider-page", null);
        var model = new CatalogFile.CatalogModel("mock", modelId, "Revived?", null, List.of("text"), 8192, 1024, "fast",
                "good", false, false, null, List.of(), price);
        return new CatalogFile("2099-01-01", List.of(new CatalogFile.CatalogProvider("mock", "local", "mock", null)),
                List.of(model));
    }
}
