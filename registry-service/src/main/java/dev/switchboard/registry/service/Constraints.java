package dev.switchboard.registry.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.RecommendRequest;
import dev.switchboard.registry.Vocabulary;

/**
 * The hard constraints of a recommendation request, each with the reason it gives for the models it excludes. A
 * constraint the request states is met only by what is known (a model whose window or capabilities are unknown does not
 * meet {@code minContextWindow} or {@code capabilities}); the expected tokens exclude only a model known to be too small.
 */
final class Constraints {

    private static final String EMBEDDINGS = "embeddings";

    private final RecommendRequest request;
    private final Scorer.Ask ask;
    private final LocalDate today;

    Constraints(RecommendRequest request, Scorer.Ask ask, LocalDate today) {
        this.request = request;
        this.ask = ask;
        this.today = today;
    }

    /** A failed constraint. */
    record Verdict(String constraint, String reason) {
    }

    List<Verdict> failed(ModelView model, long expectedLatencyMs) {
        List<Verdict> failed = new ArrayList<>();
        if (!model.available()) {
            failed.add(new Verdict("available",
                    "not available: not listed (discovery did not find them), or no adapter serves their provider now"));
        }
        if (model.sunsetDate() != null && model.sunsetDate().isBefore(today)) {
            failed.add(new Verdict("sunset", "past their sunset date"));
        }
        // An embedding model cannot chat, and a chat model cannot embed: the kind the request asks for is a hard rule.
        boolean wantsEmbeddings = EMBEDDINGS.equals(ask.taskCapability())
                || request.capabilities() != null && request.capabilities().contains(EMBEDDINGS);
        if (model.capabilities().contains(EMBEDDINGS) != wantsEmbeddings) {
            failed.add(new Verdict("kind", wantsEmbeddings ? "not embedding models, and the request asks for embeddings"
                    : "embedding models, which only embed; ask for the task or capability 'embeddings' to get them"));
        }
        if (request.capabilities() != null && !model.capabilities().containsAll(request.capabilities())) {
            failed.add(new Verdict("capabilities", "lack one of the capabilities " + request.capabilities()
                    + ", or are not known to have it"));
        }
        if (request.minContextWindow() != null
                && (model.contextWindow() == null || model.contextWindow() < request.minContextWindow())) {
            failed.add(new Verdict("minContextWindow", "context window below " + request.minContextWindow()
                    + " tokens, or unknown"));
        }
        if (model.contextWindow() != null && ask.inputTokens() + ask.outputTokens() > model.contextWindow()
                || model.maxOutputTokens() != null && ask.outputTokens() > model.maxOutputTokens()) {
            failed.add(new Verdict("expectedTokens", "cannot take " + ask.inputTokens() + " input and "
                    + ask.outputTokens() + " output tokens in one request"));
        }
        if (request.minQuality() != null
                && Vocabulary.qualityRank(model.qualityTier()) < Vocabulary.qualityRank(request.minQuality())) {
            failed.add(new Verdict("minQuality", "quality tier below " + request.minQuality()));
        }
        if (request.maxCost() != null && (model.blendedCostPerMillion() == null
                || model.blendedCostPerMillion().compareTo(request.maxCost()) > 0)) {
            failed.add(new Verdict("maxCost", String.format(Locale.ROOT,
                    "cost more than $%s per million tokens (blended 3:1), or have no known price",
                    request.maxCost().toPlainString())));
        }
        if (request.maxLatencyMs() != null && expectedLatencyMs > request.maxLatencyMs()) {
            failed.add(new Verdict("maxLatencyMs", "expected latency (measured p50, else the tier's figure) above "
                    + request.maxLatencyMs() + " ms"));
        }
        return failed;
    }
}
