package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class TokenPricesTest {

    // Anthropic-style prices: reads a tenth of input, 5-minute writes 1.25 times it, 1-hour writes twice.
    private static final TokenPrices CACHE_PRICED = new TokenPrices(new BigDecimal("3"), new BigDecimal("15"),
            new BigDecimal("0.3"), null, new BigDecimal("3.75"), new BigDecimal("6"));

    // 1M input: 200k read from the cache, 300k written to it (100k of them for an hour); 100k output, 40k reasoning.
    private static final TokenCounts EVERY_KIND = new TokenCounts(1_000_000, 100_000, 200_000, 40_000, 300_000, 100_000);

    @Test
    void eachKindOfTokenCostsItsOwnPrice() {
        // 500k × 3 + 200k × 0.3 + 200k × 3.75 + 100k × 6 + 60k × 15 + 40k × 15 (reasoning at the output price)
        assertThat(CACHE_PRICED.cost(EVERY_KIND)).isEqualByComparingTo("4.41");

        var reasoningPricedApart = new TokenPrices(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.3"),
                new BigDecimal("20"), new BigDecimal("3.75"), new BigDecimal("6"));
        assertThat(reasoningPricedApart.cost(EVERY_KIND)).isEqualByComparingTo("4.61");
    }

    @Test
    void aKindWithoutItsOwnPriceCostsAsTheKindItFallsBackTo() {
        var noWritePrices = new TokenPrices(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.3"));
        // Writes at the input price: 300k × 3 instead of 200k × 3.75 + 100k × 6.
        assertThat(noWritePrices.cost(EVERY_KIND)).isEqualByComparingTo("3.96");

        var oneWritePrice = new TokenPrices(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.3"), null,
                new BigDecimal("3.75"), null);
        // 1-hour writes at the 5-minute price: 300k × 3.75.
        assertThat(oneWritePrice.cost(EVERY_KIND)).isEqualByComparingTo("4.185");
    }

    @Test
    void aPartLargerThanItsWholeIsCutToIt() {
        var inconsistent = new TokenCounts(1_000, 10, 600, 50, 900, 2_000);

        // 600 cached, then only 400 left to be written (all of them for an hour), 10 output all reasoning.
        assertThat(CACHE_PRICED.cost(inconsistent)).isEqualByComparingTo(
                new BigDecimal("600").multiply(new BigDecimal("0.3"))
                        .add(new BigDecimal("400").multiply(new BigDecimal("6")))
                        .add(new BigDecimal("10").multiply(new BigDecimal("15")))
                        .divide(BigDecimal.valueOf(1_000_000)));
    }

    @Test
    void theWorstCaseBillsEveryTokenAtTheDearestPriceOfItsSide() {
        var reasoningDearer = new TokenPrices(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.3"),
                new BigDecimal("20"), new BigDecimal("3.75"), new BigDecimal("6"));

        assertThat(reasoningDearer.worstCase(1_000_000, 1_000_000)).isEqualByComparingTo("26");
    }

    @Test
    void anEventsCountsAreReadKindByKind() {
        var event = UsageEvent.builder("req-1", 1).tokens(1_000_000, 100_000, 200_000).reasoningTokens(40_000)
                .cacheWriteTokens(300_000, 100_000).build();

        assertThat(TokenCounts.of(event)).isEqualTo(EVERY_KIND);
    }
}
