package dev.switchboard.registry.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.switchboard.registry.service.CatalogFile.CatalogModel;
import dev.switchboard.registry.service.CatalogFile.CatalogPrice;
import dev.switchboard.registry.service.CatalogFile.CatalogProvider;

/** Checks a catalog against the registry's vocabulary and rules, listing every problem rather than the first. */
public final class CatalogValidator {

    public static final Set<String> CAPABILITIES = Set.of("text", "vision", "audio", "function-calling", "json-mode",
            "streaming", "embeddings", "reasoning", "code");
    public static final Set<String> LATENCY_TIERS = Set.of("fast", "medium", "slow");
    public static final Set<String> QUALITY_TIERS = Set.of("basic", "good", "high", "highest");
    public static final Set<String> PROVIDER_KINDS = Set.of("local", "cloud");

    private CatalogValidator() {
    }

    public static List<String> problems(CatalogFile catalog) {
        List<String> problems = new ArrayList<>();
        if (catalog.version() == null || catalog.version().isBlank()) {
            problems.add("the catalog has no version");
        }
        Set<String> providers = new HashSet<>();
        for (CatalogProvider provider : catalog.providers()) {
            if (!providers.add(provider.name())) {
                problems.add("provider " + provider.name() + " is listed twice");
            }
            if (!PROVIDER_KINDS.contains(provider.kind())) {
                problems.add("provider " + provider.name() + " has kind '" + provider.kind() + "', not local or cloud");
            }
        }
        Set<String> models = new HashSet<>();
        for (CatalogModel model : catalog.models()) {
            String name = model.provider() + "/" + model.modelId();
            if (!models.add(name)) {
                problems.add(name + " is listed twice");
            }
            if (!providers.contains(model.provider())) {
                problems.add(name + " names an unlisted provider");
            }
            if (model.displayName() == null || model.displayName().isBlank()) {
                problems.add(name + " has no display name");
            }
            model.capabilities().stream().filter(c -> !CAPABILITIES.contains(c))
                    .forEach(c -> problems.add(name + " has unknown capability '" + c + "'"));
            if (model.contextWindow() <= 0 || model.maxOutputTokens() <= 0) {
                problems.add(name + " needs a positive context window and output limit");
            } else if (model.maxOutputTokens() > model.contextWindow()) {
                problems.add(name + " allows more output tokens than its context window");
            }
            if (!LATENCY_TIERS.contains(model.latencyTier())) {
                problems.add(name + " has unknown latency tier '" + model.latencyTier() + "'");
            }
            if (!QUALITY_TIERS.contains(model.qualityTier())) {
                problems.add(name + " has unknown quality tier '" + model.qualityTier() + "'");
            }
            checkPrice(name, model.price(), problems);
        }
        return problems;
    }

    private static void checkPrice(String name, CatalogPrice price, List<String> problems) {
        if (price == null) {
            problems.add(name + " has no price");
            return;
        }
        if (price.source() == null || price.source().isBlank()) {
            problems.add(name + " does not say where its price came from");
        }
        if (price.effectiveFrom() == null) {
            problems.add(name + " has a price without an effective date");
        }
        if (negativeOrMissing(price.inputCostPerMillion()) || negativeOrMissing(price.outputCostPerMillion())
                || negative(price.cachedInputCostPerMillion()) || negative(price.reasoningCostPerMillion())) {
            problems.add(name + " has a missing or negative price");
        }
    }

    private static boolean negativeOrMissing(BigDecimal value) {
        return value == null || value.signum() < 0;
    }

    private static boolean negative(BigDecimal value) {
        return value != null && value.signum() < 0;
    }
}
