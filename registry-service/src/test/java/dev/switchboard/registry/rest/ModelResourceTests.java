package dev.switchboard.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.testing.StubServices;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class ModelResourceTests {

    @Test
    void seedCatalogIsServedInTheRoutersShape() {
        given()
                .queryParam("size", 1000)
                .when().get("/models")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("total", greaterThanOrEqualTo(25))
                .body("page", is(0))
                .body("size", is(1000))
                .body("data.id", hasItems("mock/echo", "ollama/llama3.2:3b", "openai/o3-mini",
                        "openrouter/openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest"))
                .body("data.find { it.id == 'mock/echo' }.capabilities", hasItem("text"))
                .body("data.find { it.id == 'mock/echo' }.contextWindow", is(131072))
                .body("data.find { it.id == 'mock/echo' }.available", is(true));
    }

    @Test
    void pagesAreDisjointAndInStableOrder() {
        List<String> ids = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            ids.addAll(given()
                    .queryParam("page", page).queryParam("size", 4)
                    .when().get("/models")
                    .then()
                    .statusCode(200)
                    .body("data", hasSize(4))
                    .body("page", is(page))
                    .extract().jsonPath().getList("data.id", String.class));
        }
        List<String> firstTwelve = given().queryParam("size", 12).when().get("/models")
                .then().extract().jsonPath().getList("data.id", String.class);
        assertThat(ids).doesNotHaveDuplicates().isEqualTo(firstTwelve);
    }

    @Test
    void filtersByProviderAndEveryRequestedCapability() {
        given()
                .queryParam("provider", "openai")
                .queryParam("capability", "reasoning")
                .queryParam("capability", "vision")
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("data.id", contains("openai/gpt-5-mini", "openai/gpt-5.4", "openai/gpt-5.4-mini", "openai/gpt-5.4-nano",
                        "openai/gpt-5.5", "openai/gpt-5.5-pro"))
                .body("total", is(6));
    }

    @Test
    void filtersByBlendedCostAndLeavesOutUnpricedModels() {
        var page = given()
                .queryParam("maxCost", "0.2")
                .queryParam("size", 1000)
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("data.priceKnown", everyItem(is(true)))
                .body("data.id", hasItems("mock/echo", "ollama/llama3.2:3b", "anthropic/claude-haiku-5-5"))
                .body("data.id", not(hasItem("openai/gpt-4o")))
                .extract().jsonPath();
        assertThat(page.getList("data.blendedCostPerMillion", Double.class)).allSatisfy(cost -> assertThat(cost)
                .isLessThanOrEqualTo(0.2));
    }

    @Test
    void filtersByContextWindowLatencyAndQuality() {
        given()
                .queryParam("provider", "gemini")
                .queryParam("minContextWindow", 1_000_000)
                .queryParam("latencyTier", "fast")
                .queryParam("minQuality", "high")
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("data.id", contains("gemini/gemini-2.5-flash", "gemini/gemini-3.5-flash", "gemini/gemini-3.8-flash"));
    }

    @Test
    void filtersByOpenWeightsLocalAndAvailability() {
        given()
                .queryParam("openWeights", true).queryParam("local", false).queryParam("available", true)
                .queryParam("size", 1000)
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("data.openWeights", everyItem(is(true)))
                .body("data.local", everyItem(is(false)))
                .body("data.available", everyItem(is(true)))
                .body("data.id", hasItems("deepseek/deepseek-flash", "groq/llama-3.3-70b-versatile"));

        given()
                .queryParam("local", true)
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("data.local", everyItem(is(true)))
                .body("data.provider", hasItem("ollama"));
    }

    @Test
    void modelIdsWithSlashAndColonResolve() {
        given()
                .when().get("/models/ollama/llama3.2:3b")
                .then()
                .statusCode(200)
                .body("modelId", is("llama3.2:3b"))
                .body("openWeights", is(true))
                .body("price.inputCostPerMillion", is(0))
                .body("priceHistory", hasSize(1));

        given()
                .when().get("/models/openrouter/openai/gpt-4o-mini")
                .then()
                .statusCode(200)
                .body("modelId", is("openai/gpt-4o-mini"))
                .body("price.source", is("catalog"))
                .body("price.sourceReference", notNullValue())
                .body("price.note", notNullValue());
    }

    @Test
    void unknownModelIsA404InTheErrorShape() {
        given()
                .when().get("/models/mock/nope")
                .then()
                .statusCode(404)
                .body("error.type", is("invalid_request_error"))
                .body("error.message", is("model mock/nope is not in the catalog"))
                .body("error.code", is("model_not_found"))
                .body("error.param", nullValue());
    }

    @Test
    void badQueriesAre400sNamingTheParameter() {
        given().queryParam("size", 0).when().get("/models").then().statusCode(400).body("error.param", is("size"));
        given().queryParam("capability", "telepathy").when().get("/models")
                .then().statusCode(400).body("error.param", is("capability"));
        given().queryParam("latencyTier", "warp").when().get("/models")
                .then().statusCode(400).body("error.param", is("latencyTier"));
        given().queryParam("minQuality", "great").when().get("/models")
                .then().statusCode(400).body("error.param", is("minQuality"));
        given().queryParam("maxCost", "-1").when().get("/models")
                .then().statusCode(400).body("error.param", is("maxCost"));
        given().queryParam("page", "first").when().get("/models")
                .then().statusCode(400).body("error.code", is("invalid_parameter"));
        given().queryParam("minContextWindow", "big").when().get("/models")
                .then().statusCode(400).body("error.code", is("invalid_parameter"));
    }

    @Test
    void providersAreListedWithStatus() {
        given()
                .when().get("/providers")
                .then()
                .statusCode(200)
                .body("name", hasItems("mock", "openai", "ollama", "together", "openai-compatible"))
                .body("find { it.name == 'ollama' }.kind", is("local"))
                .body("find { it.name == 'openai' }.status", notNullValue());
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given()
                .queryParam("format", "json")
                .when().get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/models/recommend"));
    }
}
