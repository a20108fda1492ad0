package dev.switchboard.router.rest.responses;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;

/**
 * A continuation left to Switchboard (here the alias {@code local}: ollama/llama3.2:3b, mock/echo) runs first on the
 * model that made the previous response even when the alias does not name it, unless that model cannot serve the call
 * or no adapter serves its provider; then the alias's own plan runs. The key's side is in {@code GovernanceTests}.
 */
@QuarkusTest
class ContinuationRoutingTests extends FakeAdapterTests {

    private static final String GPT = "openai/gpt-4o-mini";
    private static final String CLAUDE = "anthropic/claude-3-7-sonnet-latest";
    private static final String LOCAL_MODELS_ONLY = "local";

    @Override
    protected void warmUp() {
        FakeAdapter.awaitServed("anthropic", true);
        FakeAdapter.awaitServed("openai", true);
    }

    @Test
    void theModelThatMadeThePreviousResponseIsAddedFirstWhenTheAliasDoesNotNameIt() {
        String first = respond("{\"model\":\"" + GPT + "\",\"input\":\"made outside the alias\"}");

        withKey()
                .body("{\"model\":\"" + LOCAL_MODELS_ONLY + "\",\"input\":\"continued through the alias\","
                        + "\"previous_response_id\":\"" + first + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", GPT)
                .header("X-Switchboard-Route", containsString("continuing on " + GPT));
    }

    @Test
    void aPreviousModelWhoseWindowIsTooSmallForTheCallIsNotAdded() {
        String first = respond("{\"model\":\"" + GPT + "\",\"input\":\"made on a 128k window\"}");

        // 130,000 output tokens fit mock/echo's 131,072-token window, not gpt-4o-mini's 128,000.
        withKey()
                .body("{\"model\":\"" + LOCAL_MODELS_ONLY + "\",\"input\":\"a long answer please\","
                        + "\"max_output_tokens\":130000,\"previous_response_id\":\"" + first + "\"}")
                .when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "mock/echo")
                .header("X-Switchboard-Route", not(containsString("continuing on")));
    }

    @Test
    void aPreviousModelWhoseProviderNoAdapterServesIsNotAdded() {
        String first = respond("{\"model\":\"" + CLAUDE + "\",\"input\":\"made on anthropic\"}");
        adapter.withdraw("anthropic");
        try {
            FakeAdapter.awaitServed("anthropic", false);
            withKey()
                    .body("{\"model\":\"" + LOCAL_MODELS_ONLY + "\",\"input\":\"anthropic has gone\","
                            + "\"previous_response_id\":\"" + first + "\"}")
                    .when().post("/v1/responses")
                    .then()
                    .statusCode(200)
                    .header("X-Switchboard-Model", is(oneOf("ollama/llama3.2:3b", "mock/echo")))
                    .header("X-Switchboard-Route", not(containsString("continuing on")));
        } finally {
            adapter.announce("anthropic");
            FakeAdapter.awaitServed("anthropic", true);
        }
    }

    private static String respond(String body) {
        return withKey().body(body).when().post("/v1/responses").then().statusCode(200).extract().path("id");
    }

}
