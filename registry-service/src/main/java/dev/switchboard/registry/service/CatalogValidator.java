package dev.switchboard.registry.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.switchboard.registry.Vocabulary;
import dev.switchboard.registry.service.CatalogFile.CatalogModel;
import dev.switchboard.registry.service.CatalogFile.CatalogPrice;
import dev.switchboard.registry.service.CatalogFile.CatalogProvider;

/** Checks a catalog against the registry's vocabulary and rules, listing every problem rather than the first. */
public final class CatalogValidator {

    public static final List<String> VERIFICATIONS = List.of("provider-page", "secondary", "unconfirmed",
            "not-applicable");

    private CatalogValidator() {
    }

    public static List<String> problems(CatalogFile catalog) {
        List<String> problems = new ArrayList<>();
        checkVersion(catalog.version(), problems);
        Set<String> providers = new HashSet<>();
        for (CatalogProvider provider : catalog.providers()) {
            if (!providers.add(provider.name())) {
                problems.add("provider " + provider.name() + " is listed twice");
            }
            if (!Vocabulary.PROVIDER_KINDS.contains(provider.kind())) {
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
            checkModel(name, model, problems);
            checkPrice(name, model.price(), problems);
        }
        return problems;
    }

    private static void checkVersion(String version, List<String> problems) {
        if (version == null || version.isBlank()) {
            problems.add("the catalog has no version");
            return;
        }
        try {
            LocalDate.parse(version);
        } catch (DateTimeParseException e) {
            problems.add("the catalog version '" + version + "' is not an ISO date");
        }
    }

    private static void checkModel(String name, CatalogModel model, List<String> problems) {
        if (model.displayName() == null || model.displayName().isBlank()) {
            problems.add(name + " has no display name");
        }
        if (model.capabilities() == null || model.capabilities().isEmpty()) {
            problems.add(name + " lists no capability");
        } else {
            model.capabilities().stream().filter(c -> !Vocabulary.CAPABILITIES.contains(c))
                    .forEach(c -> problems.add(name + " has unknown capability '" + c + "'"));
        }
        if (model.contextWindow() <= 0 || model.maxOutputTokens() <= 0) {
            problems.add(name + " needs a positive context window and output limit");
        } else if (model.maxOutputTokens() > model.contextWindow()) {
            problems.add(name + " allows more output tokens than its context window");
        }
        if (!Vocabulary.LATENCY_TIERS.contains(model.latencyTier())) {
            problems.add(name + " has unknown latency tier '" + model.latencyTier() + "'");
        }
        if (!Vocabulary.QUALITY_TIERS.contains(model.qualityTier())) {
            problems.add(name + " has unknown quality tier '" + model.qualityTier() + "'");
        }
        if (model.sunsetDate() != null && !model.deprecated()) {
            problems.add(name + " has a sunset date but is not marked deprecated");
        }
    }

    private static void checkPrice(String name, CatalogPrice price, List<String> problems) {
        if (price == null) {
            problems.add(name + " has no price");
            return;
        }
        if (price.source() == null || price.source().isBlank()) {
            problems.add(name + " does not say where its price came from");
        }
        if (!VERIFICATIONS.contains(price.verification())) {
            problems.add(name + " has price verification '" + price.verification() + "', not one of " + VERIFICATIONS);
        } else if (!price.verification().equals("provider-page") && !price.verification().equals("not-applicable")
                && (price.note() == null || price.note().isBlank())) {
            problems.add(name + " has a " + price.verification() + " price without a note saying why");
        }
        if (price.effectiveFrom() == null) {
            problems.add(name + " has a price without an effective date");
        }
        if (negativeOrMissing(price.inputCostPerMillion()) || negativeOrMissing(price.outputCostPerMillion())
                || negative(price.cachedInputCostPerMillion()) || negative(price.reasoningCostPerMillion())
                || negative(price.cacheWriteCostPerMillion()) || negative(price.cacheWrite1hCostPerMillion())) {
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
