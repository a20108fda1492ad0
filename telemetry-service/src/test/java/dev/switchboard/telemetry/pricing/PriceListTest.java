package dev.switchboard.telemetry.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.client.RegistryModel;
import dev.switchboard.telemetry.client.RegistryPrice;

/** The price in force at a time, and the cost formula. */
class PriceListTest {

    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void thePriceInForceIsTheLatestEffectiveNotAfterTheTime() {
        PriceList prices = PriceList.of(model(price(MAR, "2", null, "4", "active"), price(JAN, "1", null, "2", "active"),
                price(Instant.parse("2026-02-01T00:00:00Z"), "50", null, "50", "pending")));

        assertThat(prices.inForceAt(Instant.parse("2025-12-31T23:59:59Z"))).isEmpty();
        assertThat(prices.inForceAt(JAN))
                .hasValueSatisfying(p -> assertThat(p.inputCostPerMillion()).isEqualByComparingTo("1"));
        assertThat(prices.inForceAt(Instant.parse("2026-02-15T00:00:00Z")))
                .hasValueSatisfying(p -> assertThat(p.inputCostPerMillion()).isEqualByComparingTo("1"));
        assertThat(prices.inForceAt(MAR))
                .hasValueSatisfying(p -> assertThat(p.inputCostPerMillion()).isEqualByComparingTo("2"));
        assertThat(prices.earliestEffectiveFrom()).isEqualTo(JAN);
        assertThat(prices.pricing(Instant.parse("2025-06-01T00:00:00Z"), new TokenCounts(1, 1, 0)).unpricedReason())
                .isEqualTo("no_price");
    }

    @Test
    void eachActivePriceIsInForceUntilTheNextOnesEffectiveDate() {
        PriceList prices = PriceList.of(model(price(MAR, "2", null, "4", "active"), price(JAN, "1", null, "2", "active"),
                price(Instant.parse("2026-02-01T00:00:00Z"), "50", null, "50", "pending")));

        List<PricePeriod> periods = prices.periods();

        assertThat(periods).extracting(PricePeriod::from, PricePeriod::until)
                .containsExactly(tuple(JAN, MAR),
                        tuple(MAR, null));
        assertThat(periods.get(0).price().inputCostPerMillion()).isEqualByComparingTo("1");
    }

    @Test
    void cachedTokensAreBilledAtTheCachedPriceWhenThereIsOne() {
        RegistryPrice withCached = price(JAN, "3", "0.3", "15", "active");
        RegistryPrice withoutCached = price(JAN, "3", null, "15", "active");

        // 1,000,000 input of which 400,000 cached, 200,000 output.
        assertThat(PriceList.cost(withCached, 1_000_000, 400_000, 200_000)).isEqualByComparingTo("4.92");
        assertThat(PriceList.cost(withoutCached, 1_000_000, 400_000, 200_000)).isEqualByComparingTo("6");
        assertThat(PriceList.cost(withCached, 10, 50, 0)).as("cached never exceeds input")
                .isEqualByComparingTo(new BigDecimal("0.000003"));
        Pricing pricing = PriceList.of(model(withCached)).pricing(MAR, new TokenCounts(1000, 0, 0));
        assertThat(pricing.source()).isEqualTo("catalog");
        assertThat(pricing.effectiveFrom()).isEqualTo(JAN);
    }

    private static RegistryModel model(RegistryPrice... history) {
        return new RegistryModel("p/m", "p", "m", "good", List.of("text"), true, false, history[0], List.of(history));
    }

    private static RegistryPrice price(Instant from, String input, String cached, String output, String status) {
        return new RegistryPrice(new BigDecimal(input), new BigDecimal(output), cached == null ? null : new BigDecimal(cached),
                null, null, null, from, "catalog", "test", status, from);
    }
}
