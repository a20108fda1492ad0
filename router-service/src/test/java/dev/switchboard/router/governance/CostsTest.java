package dev.switchboard.router.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.router.CatalogModel;

/** The router's settlement and reservations price every kind of token at the catalog's own price for it. */
class CostsTest {

    @Test
    void settlementPricesCacheWritesTheirOneHourPartAndReasoningApart() {
        CatalogModel model = model(new CatalogModel.Price(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.3"),
                new BigDecimal("20"), new BigDecimal("3.75"), new BigDecimal("6")));
        // 1,000,000 input: 100,000 cached, 300,000 written (200,000 of them for an hour), 600,000 plain;
        // 1,000,000 output: 400,000 of them reasoning.
        TokenCounts tokens = new TokenCounts(1_000_000, 1_000_000, 100_000, 400_000, 300_000, 200_000);

        BigDecimal expected = new BigDecimal("1.8") // 600k plain input at 3
                .add(new BigDecimal("0.03")) // 100k cached at 0.3
                .add(new BigDecimal("0.375")) // 100k 5-minute writes at 3.75
                .add(new BigDecimal("1.2")) // 200k 1-hour writes at 6
                .add(new BigDecimal("9")) // 600k plain output at 15
                .add(new BigDecimal("8")); // 400k reasoning at 20
        assertThat(Costs.of(model.price().tokenPrices(), tokens)).isEqualByComparingTo(expected);
    }

    @Test
    void aKindWithoutItsOwnPriceCostsAsInputOrOutput() {
        CatalogModel model = model(new CatalogModel.Price(new BigDecimal("2"), new BigDecimal("8"), null));

        assertThat(Costs.of(model.price().tokenPrices(), new TokenCounts(1_000_000, 1_000_000, 0, 500_000, 500_000, 250_000)))
                .isEqualByComparingTo("10");
    }

    @Test
    void theReservationsWorstCaseTakesTheDearestInputAndOutputKinds() {
        CatalogModel model = model(new CatalogModel.Price(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.3"),
                new BigDecimal("20"), new BigDecimal("3.75"), new BigDecimal("6")));

        assertThat(CallEstimate.cost(model.price().tokenPrices(), 1_000_000, 1_000_000)).isEqualByComparingTo("26");
    }

    private static CatalogModel model(CatalogModel.Price price) {
        return new CatalogModel("anthropic/claude", "anthropic", "claude", List.of("text"), true, 200_000, null, true, true,
                false, "fast", "high", price);
    }
}
