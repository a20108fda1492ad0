package dev.switchboard.registry.rest;

import static dev.switchboard.registry.testing.Fixtures.awaitModelRecord;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.testing.StubServices;

/** Discovery against the stub adapters: provider together has no seed models, so its list is the test's alone. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class RefreshTests {

    private static final String ADMIN = "Bearer test-admin-key";

    @Test
    void aRefreshAddsNewModelsUnpricedAndRetiresVanishedOnesWithoutDeletingThem() {
        StubServices.adapterLists("together", "acme/alpha", "acme/beta");
        refresh("together")
                .body("providers[0].status", is("refreshed"))
                .body("providers[0].added", contains("together/acme/alpha", "together/acme/beta"))
                .body("providers[0].retired", empty());
        given().when().get("/models/together/acme/alpha")
                .then()
                .statusCode(200)
                .body("available", is(true))
                .body("priceKnown", is(false))
                .body("price", nullValue())
                .body("origin", is("discovery"));

        StubServices.adapterLists("together", "acme/beta", "acme/gamma");
        refresh("together")
                .body("providers[0].added", contains("together/acme/gamma"))
                .body("providers[0].retired", contains("together/acme/alpha"))
                .body("added", is(1))
                .body("retired", is(1));
        given().when().get("/models/together/acme/alpha").then().statusCode(200).body("available", is(false));
        assertThat(awaitModelRecord("together/acme/alpha", "\"change\":\"retired\"").value())
                .contains("\"available\":false");
        given().queryParam("provider", "together").queryParam("available", true).when().get("/models")
                .then().body("data.modelId", contains("acme/beta", "acme/gamma"));

        StubServices.adapterLists("together", "acme/alpha", "acme/beta", "acme/gamma");
        refresh("together").body("providers[0].restored", contains("together/acme/alpha"));
        given().when().get("/providers").then().body("find { it.name == 'together' }.status", is("up"));
    }

    @Test
    void anUnreachableProviderIsMarkedDownAndKeepsItsModels() {
        StubServices.adapterAnswers("groq", 502, "{\"error\":{\"message\":\"groq cannot be reached\",\"type\":\"api_error\","
                + "\"param\":null,\"code\":\"server_error\"}}");
        refresh("groq")
                .body("providers[0].status", is("unreachable"))
                .body("providers[0].message", containsString("502"))
                .body("retired", is(0));
        given().when().get("/models/groq/llama-3.3-70b-versatile").then().body("available", is(true));
        given().when().get("/providers").then().body("find { it.name == 'groq' }.status", is("down"));
    }

    @Test
    void aProviderNoAdapterServesIsLeftAlone() {
        refresh("mistral")
                .body("providers[0].status", is("not_served"))
                .body("providers[0].message", containsString("does not serve mistral"));
        given().when().get("/models/mistral/mistral-small-latest").then().body("available", is(true));
        given().header("Authorization", ADMIN).queryParam("provider", "nobody").when().post("/models/refresh")
                .then().statusCode(400).body("error.param", is("provider"));
    }

    @Test
    void refreshingIsAnAdminWrite() {
        given()
                .queryParam("provider", "mistral")
                .when().post("/models/refresh")
                .then()
                .statusCode(401)
                .body("error.code", is("invalid_api_key"));
    }

    private static ValidatableResponse refresh(String provider) {
        return given()
                .header("Authorization", ADMIN)
                .queryParam("provider", provider)
                .when().post("/models/refresh")
                .then()
                .statusCode(200)
                .body("providers[0].provider", is(provider));
    }
}
