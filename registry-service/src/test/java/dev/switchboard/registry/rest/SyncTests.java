package dev.switchboard.registry.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static dev.switchboard.registry.testing.Fixtures.awaitModelRecord;
import static dev.switchboard.registry.testing.Fixtures.ensureModel;
import static dev.switchboard.registry.testing.Fixtures.model;
import static dev.switchboard.registry.testing.Fixtures.price;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.testing.StubServices;

/**
 * The catalog sync against snapshots of both formats, served by a WireMock stub: what it changes in the registry, what
 * discovery then takes from it, and what a dry run reports without writing.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class SyncTests {

    static final WireMockServer SOURCE = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeAll
    static void startSource() {
        SOURCE.start();
        SOURCE.stubFor(get("/litellm.json").willReturn(okJson(fixture("litellm-prices.json"))));
        SOURCE.stubFor(get("/openrouter.json").willReturn(okJson(fixture("openrouter-models.json"))));
    }

    @AfterAll
    static void stopSource() {
        SOURCE.stop();
    }

    @Test
    void aLiteLlmSyncPricesWhatTheRegistryHoldsDescribesDiscoveredModelsAndLeavesManualPricesInForce() {
        Instant start = Instant.now();
        discover("ollama", "llama3.1");
        int catalogWindow = given().when().get("/models/openai/gpt-4o-mini").then().extract().path("contextWindow");
        ensureModel("anthropic", "claude-sonnet-4-5", model("anthropic", "claude-sonnet-4-5", "\"text\",\"vision\"",
                200_000, 64_000, "medium", "high", false, null));
        asAdmin().body(price("2.5", "12", null)).when().post("/models/anthropic/claude-sonnet-4-5/prices")
                .then().statusCode(201);

        sync(url("/litellm.json"), false)
                .body("format", is("litellm"))
                .body("dryRun", is(false))
                .body("read", is(10))
                .body("forSwitchboard", is(7))
                .body("ignored", is(2))
                .body("skippedTotal", is(0))
                .body("changes.find { it.model == 'ollama/llama3.1' && it.kind == 'facts' }.detail",
                        containsString("contextWindow unknown -> 8192"))
                .body("changes.find { it.model == 'anthropic/claude-sonnet-4-5' }.kind", is("pending-price"))
                .body("drift.find { it.model == 'anthropic/claude-sonnet-4-5' }.resolution", is("pending"));

        // A discovered model takes the facts and the price its provider's list did not state, with their provenance.
        given().when().get("/models/ollama/llama3.1")
                .then()
                .body("contextWindow", is(8192))
                .body("maxOutputTokens", is(8192))
                .body("capabilities", contains("text", "streaming", "function-calling"))
                .body("capabilitiesKnown", is(true))
                .body("factsSource", is(url("/litellm.json")))
                .body("factsFetchedAt", notNullValue())
                .body("price.inputCostPerMillion", is(0))
                .body("price.source", is("sync"))
                .body("price.sourceReference", is(url("/litellm.json")))
                .body("price.fetchedAt", notNullValue());
        assertThat(awaitModelRecord("ollama/llama3.1", "\"contextWindow\":8192").value())
                .contains("\"capabilitiesKnown\":true");
        // The seed's own description stays; its price is the source's, whether it changed or already agreed.
        given().when().get("/models/openai/gpt-4o-mini")
                .then()
                .body("contextWindow", is(catalogWindow))
                .body("price.inputCostPerMillion", is(0.15f))
                .body("price.outputCostPerMillion", is(0.6f))
                .body("price.cachedInputCostPerMillion", is(0.075f));
        // A manual price wins; the synced one waits to be accepted, and the drift names both.
        given().when().get("/models/anthropic/claude-sonnet-4-5")
                .then()
                .body("price.source", is("manual"))
                .body("price.inputCostPerMillion", is(2.5f))
                .body("pendingPrice.source", is("sync"))
                .body("pendingPrice.inputCostPerMillion", is(3))
                .body("pendingPrice.outputCostPerMillion", is(15))
                .body("pendingPrice.cachedInputCostPerMillion", is(0.3f))
                .body("pendingPrice.cacheWriteCostPerMillion", is(3.75f))
                .body("pendingPrice.cacheWrite1hCostPerMillion", is(6));
        given().queryParam("since", start.toString()).when().get("/prices/drift")
                .then()
                .statusCode(200)
                .body("find { it.model == 'anthropic/claude-sonnet-4-5' }.inForce.source", is("manual"))
                .body("find { it.model == 'anthropic/claude-sonnet-4-5' }.inForce.inputCostPerMillion", is(2.5f))
                .body("find { it.model == 'anthropic/claude-sonnet-4-5' }.synced.source", is("sync"))
                .body("find { it.model == 'anthropic/claude-sonnet-4-5' }.synced.sourceReference", is(url("/litellm.json")))
                .body("find { it.model == 'anthropic/claude-sonnet-4-5' }.synced.inputCostPerMillion", is(3));

        // The same document again changes nothing and adds no second pending price.
        sync(url("/litellm.json"), false).body("changes", org.hamcrest.Matchers.empty());
        given().when().get("/models/anthropic/claude-sonnet-4-5/prices").then()
                .body("findAll { it.source == 'sync' }.size()", is(1));

        // A later price from the source goes in force over the earlier synced one, and that is a drift too.
        SOURCE.stubFor(get("/litellm-later.json").willReturn(okJson(fixture("litellm-prices.json")
                .replace("\"input_cost_per_token\": 0.0,\n    \"litellm_provider\": \"ollama\"",
                        "\"input_cost_per_token\": 1e-07,\n    \"litellm_provider\": \"ollama\""))));
        sync(url("/litellm-later.json"), false)
                .body("changes.find { it.model == 'ollama/llama3.1' }.kind", is("price"))
                .body("drift.find { it.model == 'ollama/llama3.1' }.resolution", is("applied"));
        given().when().get("/models/ollama/llama3.1").then().body("price.inputCostPerMillion", is(0.1f));
        given().queryParam("since", start.toString()).when().get("/prices/drift")
                .then()
                .body("find { it.model == 'ollama/llama3.1' }.inForce.source", is("sync"))
                .body("find { it.model == 'ollama/llama3.1' }.inForce.inputCostPerMillion", is(0))
                .body("find { it.model == 'ollama/llama3.1' }.synced.sourceReference", is(url("/litellm-later.json")));
    }

    @Test
    void discoveryTakesWhatAnOpenRouterSyncReadInsteadOfGuessing() {
        sync(url("/openrouter.json"), false)
                .body("format", is("openrouter"))
                .body("read", is(4))
                .body("forSwitchboard", is(3))
                .body("skippedTotal", is(1))
                .body("skipped[0].entry", is("openrouter/auto"))
                .body("skipped[0].reason", containsString("negative price"));

        discover("openrouter", "google/gemini-2.5-flash");

        given().when().get("/models/openrouter/google/gemini-2.5-flash")
                .then()
                .body("origin", is("discovery"))
                .body("displayName", is("Google: Gemini 2.5 Flash"))
                .body("contextWindow", is(1_048_576))
                .body("maxOutputTokens", is(65_535))
                .body("capabilities", hasItems("vision", "audio", "function-calling", "json-mode", "reasoning"))
                .body("capabilitiesKnown", is(true))
                .body("factsSource", is(url("/openrouter.json")))
                .body("price.inputCostPerMillion", is(0.3f))
                .body("price.outputCostPerMillion", is(2.5f))
                .body("price.cachedInputCostPerMillion", is(0.03f))
                .body("price.reasoningCostPerMillion", nullValue())
                .body("price.source", is("sync"))
                .body("price.sourceReference", is(url("/openrouter.json")));
    }

    @Test
    void aDryRunListsWhatWouldChangeAndWritesNothing() {
        discover("ollama", "llama3.2:1b");
        SOURCE.stubFor(get("/dry.json").willReturn(okJson("""
                {"ollama/llama3.2:1b":{"litellm_provider":"ollama","mode":"chat","max_input_tokens":131072,
                  "max_output_tokens":8192,"input_cost_per_token":0.0,"output_cost_per_token":0.0,
                  "supports_function_calling":true},
                 "ollama/qwen3:0.6b":{"litellm_provider":"ollama","mode":"chat","max_input_tokens":40960,
                  "input_cost_per_token":0.0,"output_cost_per_token":0.0}}""")));
        Instant before = Instant.now();
        String catalog = catalog();

        sync(url("/dry.json"), true)
                .body("dryRun", is(true))
                .body("message", containsString("nothing was written"))
                .body("changes.model", hasItems("ollama/llama3.2:1b"))
                .body("changes.kind", hasItems("facts", "price"));

        assertThat(catalog()).isEqualTo(catalog);
        given().queryParam("since", before.toString()).when().get("/prices")
                .then().body("model", org.hamcrest.Matchers.not(hasItem("ollama/llama3.2:1b")));
        // Nor was the document kept for discovery: a model found now is as unknown as before.
        discover("ollama", "llama3.2:1b", "qwen3:0.6b");
        given().when().get("/models/ollama/qwen3:0.6b")
                .then().body("contextWindow", nullValue()).body("priceKnown", is(false));
    }

    @Test
    void aSyncIsAnAdminWriteAndNeedsASourceThatIsAWebAddress() {
        given().queryParam("source", url("/litellm.json")).when().post("/admin/catalog/sync")
                .then().statusCode(401).body("error.code", is("invalid_api_key"));
        asAdmin().when().post("/admin/catalog/sync")
                .then().statusCode(400).body("error.param", is("source"));
        asAdmin().queryParam("source", "file:///etc/passwd").when().post("/admin/catalog/sync")
                .then().statusCode(400).body("error.param", is("source"));
    }

    static ValidatableResponse sync(String source, boolean dryRun) {
        return asAdmin()
                .queryParam("source", source)
                .queryParam("dryRun", dryRun)
                .when().post("/admin/catalog/sync")
                .then()
                .statusCode(200)
                .body("source", is(source));
    }

    /** Discovery of a provider that lists the models the registry has of it, and these. */
    static void discover(String provider, String... extra) {
        List<String> ids = new ArrayList<>(given().queryParam("provider", provider).queryParam("size", 1000)
                .when().get("/models").then().extract().jsonPath().getList("data.modelId", String.class));
        ids.addAll(List.of(extra));
        StubServices.adapterLists(provider, ids.toArray(String[]::new));
        asAdmin().queryParam("provider", provider).when().post("/models/refresh")
                .then().statusCode(200).body("providers[0].status", is("refreshed"));
    }

    /** Every model and its price, to tell whether anything changed. */
    static String catalog() {
        return given().queryParam("size", 1000).when().get("/models").then().statusCode(200).extract().asString();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + SOURCE.port() + path;
    }

    static String fixture(String name) {
        try (var in = SyncTests.class.getClassLoader().getResourceAsStream("sync/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
