package dev.switchboard.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.client.ModelStats;

class ScorerTest {

    private static final Scorer.Ask PLAIN = new Scorer.Ask(1000, 500, false, false, null, null, 5);

    @Test
    void scoreIsTheWeightedSumOfItsParts() {
        Scorer.Scored scored = Scorer.score(model("high", "medium", "2", "6", false, false), null, PLAIN);

        // quality .75; cost 1/(1+10/3); latency 1/(1+3000/2000); reliability .95 assumed
        double expected = 0.35 * 0.75 + 0.30 / (1 + 10.0 / 3) + 0.20 / 2.5 + 0.15 * 0.95;
        assertThat(scored.score()).isEqualTo(Scorer.round(expected * 100, 1));
        assertThat(scored.scores().cost()).isEqualTo(0.231);
        assertThat(scored.latencyMs()).isEqualTo(3000);
        assertThat(scored.latencyMeasured()).isFalse();
    }

    @Test
    void measurementsReplaceTiersOnlyWithEnoughRequests() {
        ModelView model = model("good", "fast", "1", "1", false, false);
        var few = new ModelStats("p", "m", 4, 4, 0, 1.0, 50.0, 80.0);
        var many = new ModelStats("p", "m", 40, 30, 10, 0.75, 4000.0, 6000.0);

        assertThat(Scorer.score(model, few, PLAIN).latencyMs()).isEqualTo(1000);
        Scorer.Scored measured = Scorer.score(model, many, PLAIN);
        assertThat(measured.latencyMs()).isEqualTo(4000);
        assertThat(measured.scores().reliability()).isEqualTo(0.75);
        assertThat(measured.reason()).contains("measured p50 latency 4000 ms over 40 requests", "measured success rate 75.0%");
    }

    @Test
    void countsWithoutATimedAttemptMeasureReliabilityButLeaveTheLatencyTier() {
        ModelView model = model("good", "fast", "1", "1", false, false);
        var untimed = new ModelStats("p", "m", 40, 36, 4, 0.9, null, null);

        Scorer.Scored scored = Scorer.score(model, untimed, PLAIN);
        assertThat(scored.latencyMeasured()).isFalse();
        assertThat(scored.latencyMs()).isEqualTo(1000);
        assertThat(scored.successRate()).isEqualTo(0.9);
        assertThat(scored.reason()).contains("latency tier fast (about 1000 ms; no measurements)",
                "measured success rate 90.0%");
    }

    @Test
    void preferencesAndDeprecationAdjustTheScore() {
        ModelView local = model("good", "fast", "0", "0", true, true);
        var ask = new Scorer.Ask(1000, 500, true, true, "code review", "code", 5);

        Scorer.Scored plain = Scorer.score(local, null, PLAIN);
        Scorer.Scored preferred = Scorer.score(local, null, ask);
        assertThat(preferred.score()).isEqualTo(Scorer.round(plain.score() + 30, 1));
        assertThat(preferred.reason()).contains("open weights, as preferred", "runs locally, as preferred",
                "has 'code' for the task 'code review'");
        ModelView deprecated = new ModelView("p/m", "p", "m", "m", null, List.of("text"), true, 1000, 100, "fast", "good",
                false,
                false, true, true, true, null, "catalog", null, null, true, BigDecimal.ZERO, local.price(), null, null);
        assertThat(Scorer.score(deprecated, null, PLAIN).score()).isEqualTo(Scorer.round(plain.score() - 10, 1));
    }

    @Test
    void unknownTiersEarnNothingAndAreSaidToBeUnknown() {
        Scorer.Scored unknown = Scorer.score(model(null, null, "1", "1", false, false), null, PLAIN);

        assertThat(unknown.scores().quality()).isZero();
        assertThat(unknown.latencyMs()).isEqualTo(8_000);
        assertThat(unknown.reason()).contains("quality tier unknown, so no quality credit", "latency tier unknown");
    }

    private static ModelView model(String quality, String latency, String input, String output, boolean openWeights,
            boolean local) {
        var price = new PriceView(new BigDecimal(input), new BigDecimal(output), null, null, null, null, Instant.EPOCH,
                "catalog", null,
                null, "active", null, Instant.EPOCH, null);
        return new ModelView("p/m", "p", "m", "m", null, List.of("text", "code"), true, 100_000, 4096, latency, quality,
                openWeights, local, true, true, false, null, "catalog", null, null, true, BigDecimal.ONE, price, null, null);
    }
}
