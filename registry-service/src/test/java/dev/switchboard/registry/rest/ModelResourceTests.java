package dev.switchboard.registry.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.switchboard.local.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ModelResourceTests {

    @Test
    void seedCatalogIsServedInStableOrder() {
        given()
                .when().get("/models")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("total", greaterThanOrEqualTo(10))
                .body("data.id", hasItems("mock/echo", "ollama/llama3.2:3b", "anthropic/claude-3-5-haiku-latest"))
                .body("data[0].provider", is("anthropic"));
    }

    @Test
    void filtersByProviderAndEveryRequestedCapability() {
        given()
                .queryParam("provider", "openai")
                .queryParam("capability", "reasoning")
                .queryParam("capability", "function-calling")
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("data.id", contains("openai/o3-mini"))
                .body("total", is(1));
    }

    @Test
    void filtersLocalModels() {
        given()
                .queryParam("local", true)
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("data.local", everyItem(is(true)))
                .body("data.provider", hasItem("ollama"));
    }

    @Test
    void pagesAreDisjointAndSized() {
        given()
                .queryParam("page", 1).queryParam("size", 2)
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("page", is(1))
                .body("size", is(2));
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
                .body("price.sourceReference", notNullValue());
    }

    @Test
    void unknownModelIsA404InTheErrorShape() {
        given()
                .when().get("/models/mock/nope")
                .then()
                .statusCode(404)
                .body("error.type", is("invalid_request_error"))
                .body("error.message", is("model mock/nope is not in the catalog"))
                .body("error.param", nullValue());
    }

    @Test
    void badPagingIsA400InTheErrorShape() {
        given()
                .queryParam("size", 0)
                .when().get("/models")
                .then()
                .statusCode(400)
                .body("error.param", is("size"));
    }

    @Test
    void providersAreListed() {
        given()
                .when().get("/providers")
                .then()
                .statusCode(200)
                .body("name", hasItems("mock", "openai", "ollama"))
                .body("find { it.name == 'ollama' }.kind", is("local"));
    }
}
