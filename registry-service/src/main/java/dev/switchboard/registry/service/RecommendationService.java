package dev.switchboard.registry.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.registry.Costs;
import dev.switchboard.registry.Exclusion;
import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.RecommendRequest;
import dev.switchboard.registry.RecommendResponse;
import dev.switchboard.registry.Recommendation;
import dev.switchboard.registry.Vocabulary;
import dev.switchboard.registry.config.RegistryConfig;
import dev.switchboard.registry.service.Constraints.Verdict;

/** Ranks the catalog's models for a request, with measured figures from telemetry where it has them. */
@ApplicationScoped
public class RecommendationService {

    static final long DEFAULT_INPUT_TOKENS = 1_000;
    static final long DEFAULT_OUTPUT_TOKENS = 500;
    static final int DEFAULT_LIMIT = 10;

    private final ModelService models;
    private final TelemetryStats telemetry;
    private final int minRequests;

    public RecommendationService(ModelService models, TelemetryStats telemetry, RegistryConfig config) {
        this.models = models;
        this.telemetry = telemetry;
        this.minRequests = config.telemetry().minRequests();
    }

    public RecommendResponse recommend(RecommendRequest request) {
        validate(request);
        List<String> notes = new ArrayList<>();
        Optional<String> taskCapability = Vocabulary.capabilityForTask(request.task());
        if (request.task() != null && !request.task().isBlank() && taskCapability.isEmpty()) {
            notes.add(
                    "the task '" + request.task() + "' names no capability the registry knows; it did not affect the ranking");
        }
        Scorer.Ask ask = new Scorer.Ask(
                Objects.requireNonNullElse(request.expectedInputTokens(), DEFAULT_INPUT_TOKENS),
                Objects.requireNonNullElse(request.expectedOutputTokens(), DEFAULT_OUTPUT_TOKENS),
                Boolean.TRUE.equals(request.preferOpenWeights()), Boolean.TRUE.equals(request.preferLocal()),
                request.task(), taskCapability.orElse(null), minRequests);
        TelemetryStats.Snapshot stats = telemetry.current();
        if (!stats.answered()) {
            notes.add("telemetry did not answer; latency and reliability come from the catalog's tiers");
        }

        Map<String, Exclusion> excluded = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        List<ModelView> inScope = models.all().stream()
                .filter(m -> request.providers() == null || request.providers().contains(m.provider())).toList();
        Constraints constraints = new Constraints(request, ask, LocalDate.now());
        for (ModelView model : inScope) {
            var scored = Scorer.score(model, stats.byModel().get(model.id()), ask);
            List<Verdict> failed = constraints.failed(model, scored.latencyMs());
            failed.forEach(verdict -> excluded.computeIfAbsent(verdict.constraint(),
                    c -> new Exclusion(c, verdict.reason(), new ArrayList<>())).models().add(model.id()));
            if (failed.isEmpty()) {
                candidates.add(new Candidate(model, scored));
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.scored().score())
                .thenComparing(c -> c.model().blendedCostPerMillion(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> c.model().id()));

        int limit = Objects.requireNonNullElse(request.limit(), DEFAULT_LIMIT);
        List<Recommendation> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, candidates.size()); i++) {
            ranked.add(candidates.get(i).toRecommendation(i + 1, ask));
        }
        String message = ranked.isEmpty()
                ? "no model meets every constraint; 'excluded' says which constraint left out which model"
                : null;
        return new RecommendResponse(ranked, List.copyOf(excluded.values()), inScope.size(),
                stats.answered() && !stats.byModel().isEmpty(), notes, message);
    }

    private static void validate(RecommendRequest request) {
        RequestChecks.capabilities(request.capabilities(), "capabilities");
        RequestChecks.oneOf(request.minQuality(), Vocabulary.QUALITY_TIERS, "minQuality");
        RequestChecks.cost(request.maxCost(), "maxCost");
        RequestChecks.notNegative(request.maxLatencyMs(), "maxLatencyMs");
        RequestChecks.positive(request.minContextWindow(), "minContextWindow");
        RequestChecks.notNegative(request.expectedInputTokens(), "expectedInputTokens");
        RequestChecks.notNegative(request.expectedOutputTokens(), "expectedOutputTokens");
        RequestChecks.positive(request.limit(), "limit");
    }

    /** A model that meets every constraint, with its score. */
    private record Candidate(ModelView model, Scorer.Scored scored) {

        Recommendation toRecommendation(int rank, Scorer.Ask ask) {
            return new Recommendation(rank, model.id(), model.provider(), model.modelId(), scored.score(),
                    model.price() == null ? null
                            : Costs.estimate(model.price().inputCostPerMillion(), model.price().outputCostPerMillion(),
                                    ask.inputTokens(), ask.outputTokens()),
                    scored.latencyMs(), scored.latencyMeasured() ? "telemetry" : "tier", scored.successRate(),
                    scored.scores(), scored.reason());
        }
    }
}
