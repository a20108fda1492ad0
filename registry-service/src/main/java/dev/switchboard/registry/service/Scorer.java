package dev.switchboard.registry.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.Recommendation.Scores;
import dev.switchboard.registry.Vocabulary;
import dev.switchboard.registry.client.ModelStats;

/**
 * Scores one model for a request; pure, so the formula can be tested on its own.
 *
 * <pre>
 * score = 100 × (0.35·quality + 0.30·cost + 0.20·latency + 0.15·reliability + adjustments)
 *   quality     = (tier rank + 1) / 4                      basic .25, good .50, high .75, highest 1
 *   cost        = 1 / (1 + p / 1 USD)                      p = USD per million for the expected token mix; unpriced 0
 *   latency     = 1 / (1 + L / 2000 ms)                    L = measured p50, else the tier's nominal figure
 *   reliability = measured success rate, else 0.95 assumed
 *   adjustments = +0.10 open weights when preferred, +0.10 local when preferred,
 *                 +0.10 when the model has the capability the task names, −0.10 when deprecated
 * </pre>
 *
 * Measured figures count only once a model has enough requests in the telemetry window.
 */
public final class Scorer {

    static final double QUALITY_WEIGHT = 0.35;
    static final double COST_WEIGHT = 0.30;
    static final double LATENCY_WEIGHT = 0.20;
    static final double RELIABILITY_WEIGHT = 0.15;
    static final double BONUS = 0.10;
    static final double COST_REFERENCE_PER_MILLION = 1.0;
    static final double LATENCY_REFERENCE_MS = 2_000;
    static final double ASSUMED_SUCCESS_RATE = 0.95;

    private Scorer() {
    }

    /** The request's side of the scoring. */
    public record Ask(long inputTokens, long outputTokens, boolean preferOpenWeights, boolean preferLocal,
            String task, String taskCapability, int minRequests) {
    }

    /** A model's score with the figures behind it. */
    public record Scored(double score, Scores scores, long latencyMs, boolean latencyMeasured, Double successRate,
            String reason) {
    }

    public static Scored score(ModelView model, ModelStats stats, Ask ask) {
        boolean measured = stats != null && stats.requests() >= ask.minRequests();
        double quality = (Vocabulary.qualityRank(model.qualityTier()) + 1) / 4.0;
        Double perMillion = perMillion(model.price(), ask);
        double cost = perMillion == null ? 0 : 1 / (1 + perMillion / COST_REFERENCE_PER_MILLION);
        // Requests without a timed attempt (all cancelled, or counted before telemetry kept latency) have no p50.
        boolean latencyMeasured = measured && stats.latencyP50Ms() != null && stats.latencyP50Ms() > 0;
        long latencyMs = latencyMeasured ? Math.round(stats.latencyP50Ms())
                : Vocabulary.nominalLatencyMs(model.latencyTier());
        double latency = 1 / (1 + latencyMs / LATENCY_REFERENCE_MS);
        Double successRate = measured ? stats.successRate() : null;
        double reliability = measured ? stats.successRate() : ASSUMED_SUCCESS_RATE;

        List<String> why = new ArrayList<>();
        why.add(model.qualityTier() == null ? "quality tier unknown, so no quality credit"
                : "quality tier " + model.qualityTier());
        why.add(perMillion == null ? "price unknown, so no cost credit"
                : String.format(Locale.ROOT, "$%.4f per million tokens for the expected mix", perMillion));
        why.add(latencyMeasured
                ? String.format(Locale.ROOT, "measured p50 latency %d ms over %d requests", latencyMs, stats.requests())
                : (model.latencyTier() == null ? "latency tier unknown" : "latency tier " + model.latencyTier())
                        + " (about " + latencyMs + " ms; no measurements)");
        why.add(measured ? String.format(Locale.ROOT, "measured success rate %.1f%%", stats.successRate() * 100)
                : "success rate assumed " + Math.round(ASSUMED_SUCCESS_RATE * 100) + "%");
        double adjustments = adjustments(model, ask, why);

        double total = QUALITY_WEIGHT * quality + COST_WEIGHT * cost + LATENCY_WEIGHT * latency
                + RELIABILITY_WEIGHT * reliability + adjustments;
        Scores scores = new Scores(round(quality, 3), round(cost, 3), round(latency, 3), round(reliability, 3),
                round(adjustments, 3));
        return new Scored(round(total * 100, 1), scores, latencyMs, latencyMeasured, successRate, String.join("; ", why));
    }

    /** USD per million tokens for the request's mix of input and output; null when the model has no price. */
    static Double perMillion(PriceView price, Ask ask) {
        if (price == null) {
            return null;
        }
        long tokens = ask.inputTokens() + ask.outputTokens();
        double in = price.inputCostPerMillion().doubleValue();
        double out = price.outputCostPerMillion().doubleValue();
        return tokens == 0 ? (3 * in + out) / 4 : (in * ask.inputTokens() + out * ask.outputTokens()) / tokens;
    }

    private static double adjustments(ModelView model, Ask ask, List<String> why) {
        double adjustments = 0;
        if (ask.preferOpenWeights() && model.openWeights()) {
            adjustments += BONUS;
            why.add("open weights, as preferred");
        }
        if (ask.preferLocal() && model.local()) {
            adjustments += BONUS;
            why.add("runs locally, as preferred");
        }
        if (ask.taskCapability() != null && model.capabilities().contains(ask.taskCapability())) {
            adjustments += BONUS;
            why.add("has '" + ask.taskCapability() + "' for the task '" + ask.task() + "'");
        }
        if (model.deprecated()) {
            adjustments -= BONUS;
            why.add(model.sunsetDate() == null ? "deprecated" : "deprecated, sunset " + model.sunsetDate());
        }
        return adjustments;
    }

    static double round(double value, int digits) {
        return BigDecimal.valueOf(value).setScale(digits, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
