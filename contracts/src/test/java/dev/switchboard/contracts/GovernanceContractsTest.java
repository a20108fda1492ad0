package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class GovernanceContractsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @Test
    void periodsStartAtMidnightUtcAndWeeksOnMonday() {
        Instant thursday = Instant.parse("2026-12-03T17:45:00Z");

        assertThat(BudgetPeriod.DAILY.start(thursday)).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
        assertThat(BudgetPeriod.DAILY.reset(thursday)).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(BudgetPeriod.WEEKLY.start(thursday)).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(BudgetPeriod.WEEKLY.reset(thursday)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(BudgetPeriod.MONTHLY.start(thursday)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTHLY.reset(thursday)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(BudgetPeriod.TOTAL.start(thursday)).isEqualTo(Instant.EPOCH);
        assertThat(BudgetPeriod.TOTAL.reset(thursday)).isNull();
        assertThat(BudgetPeriod.MONTHLY.start(Instant.parse("2026-12-31T23:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(BudgetPeriod.of("hourly")).isNull();
    }

    @Test
    void keyStateTravelsWithItsPeriodInLowerCaseAndNoSecret() throws Exception {
        var team = new KeyState.Team("team_1", "search", List.of("mock/*"),
                new KeyState.Limits(new BigDecimal("100"), BudgetPeriod.WEEKLY, 600, null, null));
        var state = new KeyState("key_1", "indexer", "ab".repeat(32), KeyState.CREATED, Instant.parse("2026-12-03T00:00:00Z"),
                false, null, List.of("mock/echo"), new KeyState.Limits(new BigDecimal("12.5"), BudgetPeriod.MONTHLY, 60,
                        100_000L, 4),
                team);

        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(state));

        assertThat(json.at("/limits/budgetPeriod").asText()).isEqualTo("monthly");
        assertThat(json.at("/team/limits/budgetPeriod").asText()).isEqualTo("weekly");
        assertThat(MAPPER.treeToValue(json, KeyState.class)).isEqualTo(state);
        assertThat(state.usableAt(Instant.now())).isTrue();
        assertThat(new KeyState.Limits(null, null, null, null, null)).isEqualTo(KeyState.Limits.NONE);
        assertThat(KeyState.Limits.NONE.any()).isFalse();
    }

    @Test
    void attributionTravelsFromTheRequestIntoItsUsageEvents() throws Exception {
        var attribution = new Attribution("indexer", "team_1", "search", "user-42", Map.of("job", "nightly"),
                List.of("batch", "eu"), "router-a", Instant.parse("2026-12-03T10:00:00Z"));
        var request = new CompletionRequest("req-9", 1, "openai", "gpt-4o-mini", 42L, "key_1", Operation.CHAT,
                Dialect.OPENAI, MAPPER.createObjectNode(), null, null, attribution);

        var read = MAPPER.readValue(MAPPER.writeValueAsString(request), CompletionRequest.class);
        var event = UsageEvent.builder(read).timestamp(Instant.now()).outcome(Outcome.SUCCESS).build();

        assertThat(read.attribution()).isEqualTo(attribution);
        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(event), UsageEvent.class).attribution()).isEqualTo(attribution);
    }

    @Test
    void tokensCostTheirPricesWithCachedInputAtTheCachedPrice() {
        var prices = new TokenPrices(new BigDecimal("0.15"), new BigDecimal("0.6"), new BigDecimal("0.075"));

        assertThat(prices.cost(1_000_000, 0, 1_000_000)).isEqualByComparingTo("0.75");
        assertThat(prices.cost(1_000_000, 400_000, 0)).isEqualByComparingTo("0.12");
        assertThat(prices.worstCase(1_000_000, 1_000_000)).isEqualByComparingTo("0.75");
        assertThat(new TokenPrices(BigDecimal.ONE, BigDecimal.TEN, null).cost(10, 10, 1)).isEqualByComparingTo("0.00002");
    }
}
