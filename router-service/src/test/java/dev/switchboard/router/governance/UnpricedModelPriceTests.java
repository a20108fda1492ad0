package dev.switchboard.router.governance;

import static dev.switchboard.router.testing.ManagedKeys.call;
import static dev.switchboard.router.testing.ManagedKeys.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.router.testing.ManagedKeyTests;
import dev.switchboard.router.testing.ManagedKeys;

/**
 * With a stated price for models the catalog has no price for, a budgeted call on one is reserved and counted at it
 * rather than refused. Its own profile (the price is read at start) costs one more router start, about 15 s.
 */
@QuarkusTest
@TestProfile(UnpricedModelPriceTests.StatedPrice.class)
class UnpricedModelPriceTests extends ManagedKeyTests {

    /** USD 1 per million input tokens, 2 per million output tokens. */
    public static class StatedPrice implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.router.governance.unpriced-model-price.input-per-million", "1",
                    "switchboard.router.governance.unpriced-model-price.output-per-million", "2");
        }
    }

    @Test
    void aBudgetedCallOnAnUnpricedModelIsReservedAndCountedAtTheStatedPrice() {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(new BigDecimal("1"), BudgetPeriod.DAILY, null, null, null),
                List.of(), null);
        String prompt = "stated price " + UUID.randomUUID();

        Response response = call(key, chat("mock/echo", prompt, 50)).when().post("/v1/chat/completions");

        response.then().statusCode(200);
        // The fake adapter bills the prompt's 3 words and all 50 output tokens, at USD 1 and 2 per million.
        assertThat(new BigDecimal(response.header("X-Switchboard-Cost-Usd"))).isEqualByComparingTo("0.000103");
        assertThat(adapter.request(prompt).attribution().unpricedModelPrice()).as("the price the registry counts it at")
                .isEqualTo(new TokenPrices(BigDecimal.ONE, BigDecimal.valueOf(2), null));
    }

    @Test
    void aBudgetThatCannotCoverTheStatedPricesWorstCaseRefusesTheCall() {
        // 1,000 output tokens at USD 2 per million are 0.002: more than the whole budget.
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(new BigDecimal("0.001"), BudgetPeriod.DAILY, null, null,
                null), List.of(), null);

        call(key, chat("mock/echo", "too dear " + UUID.randomUUID(), 1_000)).when().post("/v1/chat/completions")
                .then()
                .statusCode(429)
                .body("error.code", is("insufficient_quota"))
                .body("error.message", containsString("0.001 USD per day"));
    }

    @Test
    void aCallNoBudgetCoversIsNotPricedAtIt() {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(null, null, 100, null, null), List.of(), null);
        String prompt = "unbudgeted " + UUID.randomUUID();

        call(key, chat("mock/echo", prompt, 50)).when().post("/v1/chat/completions").then().statusCode(200)
                .header("X-Switchboard-Cost-Usd", "0");
        assertThat(adapter.request(prompt).attribution().unpricedModelPrice()).isNull();
    }
}
