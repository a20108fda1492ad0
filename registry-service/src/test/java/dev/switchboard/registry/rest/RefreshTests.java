package dev.switchboard.registry.rest;

import static dev.switchboard.registry.testing.Fixtures.awaitModelRecord;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.testing.StubServices;

/**
 * Discovery against the stub adapters: providers together and openai-compatible have no seed models, so their lists
 * are each one test's alone; the gemini test lists the seed's gemini models as well, so none is retired.
 */
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
        assertThat(StubServices.LAST_AUTHORIZATION).containsEntry("adapters", "Bearer test-ops-key");
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
    void aDiscoveredModelKeepsWhatItsProviderListsAndLeavesTheRestUnknown() {
        // Gemini's list states gemini-1.5-flash's limits, not whether it takes tools; the seed's models stay listed.
        List<String> seeded = given().queryParam("provider", "gemini").when().get("/models").then().extract()
                .jsonPath().getList("data.modelId", String.class);
        StringBuilder data = new StringBuilder("""
                {"id":"gemini-1.5-flash","object":"model","owned_by":"gemini","display_name":"Gemini 1.5 Flash",
                 "context_window":1048576,"max_output_tokens":8192}""");
        seeded.forEach(id -> data.append(",{\"id\":\"").append(id).append("\",\"object\":\"model\"}"));
        StubServices.adapterAnswers("gemini", 200, "{\"object\":\"list\",\"data\":[" + data + "]}");

        refresh("gemini").body("providers[0].added", contains("gemini/gemini-1.5-flash")).body("retired", is(0));

        given().when().get("/models/gemini/gemini-1.5-flash")
                .then()
                .statusCode(200)
                .body("displayName", is("Gemini 1.5 Flash"))
                .body("contextWindow", is(1_048_576))
                .body("maxOutputTokens", is(8_192))
                .body("capabilities", contains("text", "streaming"))
                .body("capabilitiesKnown", is(false))
                .body("latencyTier", nullValue())
                .body("qualityTier", nullValue())
                .body("origin", is("discovery"));
        assertThat(awaitModelRecord("gemini/gemini-1.5-flash", "\"capabilitiesKnown\":false").value())
                .contains("\"contextWindow\":1048576", "\"qualityTier\":null");
    }

    @Test
    void aListThatStatesParametersMakesTheCapabilitiesKnownAndNothingUnstatedIsInvented() {
        StubServices.adapterAnswers("openai-compatible", 200, """
                {"object":"list","data":[
                 {"id":"acme/listed-in-full","object":"model","context_window":131072,"max_output_tokens":8192,
                  "input_modalities":["text","image"],"supported_parameters":["tools","response_format","max_tokens"]},
                 {"id":"acme/listed-by-id","object":"model"}]}""");

        refresh("openai-compatible");

        given().when().get("/models/openai-compatible/acme/listed-in-full")
                .then()
                .body("capabilities", contains("text", "streaming", "vision", "function-calling", "json-mode"))
                .body("capabilitiesKnown", is(true))
                .body("contextWindow", is(131_072));
        given().when().get("/models/openai-compatible/acme/listed-by-id")
                .then()
                .body("contextWindow", nullValue())
                .body("maxOutputTokens", nullValue())
                .body("capabilitiesKnown", is(false));
        given().queryParam("provider", "openai-compatible").queryParam("minContextWindow", 1000).when().get("/models")
                .then()
                .body("data.modelId", hasItem("acme/listed-in-full"))
                .body("data.modelId", not(hasItem("acme/listed-by-id")));
    }

    @Test
    void aDiscoveredModelWhoseIdNamesAnEmbeddingModelOnlyEmbeds() {
        StubServices.adapterAnswers("openai-compatible", 200, """
                {"object":"list","data":[
                 {"id":"nomic-embed-text:latest","object":"model"},{"id":"acme/text-embedding-large","object":"model"},
                 {"id":"bge-m3","object":"model"},{"id":"acme/chat-small","object":"model"}]}""");

        refresh("openai-compatible");

        for (String id : List.of("nomic-embed-text:latest", "acme/text-embedding-large", "bge-m3")) {
            given().when().get("/models/openai-compatible/" + id)
                    .then()
                    .statusCode(200)
                    .body("capabilities", contains("embeddings"))
                    .body("capabilitiesKnown", is(true));
        }
        given().when().get("/models/openai-compatible/acme/chat-small")
                .then()
                .body("capabilities", contains("text", "streaming"))
                .body("capabilitiesKnown", is(false));
    }

    @Test
    void aModelTheListStatesOnlyEmbedsIsStoredAsAnEmbeddingModelWhateverItsId() {
        // The Gemini adapter marks what Gemini lists with embedContent and without generateContent; the id need not say so.
        List<String> listed = given().queryParam("provider", "gemini").when().get("/models").then().extract()
                .jsonPath().getList("data.modelId", String.class);
        StringBuilder data = new StringBuilder("""
                {"id":"text-embedding-004","object":"model","owned_by":"gemini","context_window":2048,"max_output_tokens":1,
                 "kind":"embeddings"},
                {"id":"gemini-vectors-exp","object":"model","owned_by":"gemini","context_window":8192,"kind":"embeddings"}""");
        listed.stream().filter(id -> !id.equals("text-embedding-004") && !id.equals("gemini-vectors-exp"))
                .forEach(id -> data.append(",{\"id\":\"").append(id).append("\",\"object\":\"model\"}"));
        StubServices.adapterAnswers("gemini", 200, "{\"object\":\"list\",\"data\":[" + data + "]}");

        refresh("gemini").body("retired", is(0));

        for (String id : List.of("text-embedding-004", "gemini-vectors-exp")) {
            given().when().get("/models/gemini/" + id)
                    .then()
                    .statusCode(200)
                    .body("capabilities", contains("embeddings"))
                    .body("capabilitiesKnown", is(true))
                    .body("maxOutputTokens", nullValue());
        }
        given().when().get("/models/gemini/gemini-vectors-exp").then().body("contextWindow", is(8_192));
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
