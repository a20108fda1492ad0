package dev.switchboard.router.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Providers;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.Plan;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.messaging.ServedProviders;
import dev.switchboard.router.service.TaskClassifier.Needs;

/**
 * Plans which models a call tries, in order. The {@code model} may be {@code provider/model}, a bare model id the
 * registry knows under one provider, an alias, or {@code auto}; the {@code models} list and the configured fallbacks
 * follow. A model named in configuration (an alias, a fallback) that the registry does not list is left out. Models the
 * registry knows to lack what the call needs (images, tools, a large enough window) are left out;
 * what the registry does not know goes to the provider, whose answer is classified as usual. {@code auto} ranks the
 * models known to have what the call needs before those whose capabilities are unknown, and leaves out the models of
 * providers no adapter serves now.
 */
@Singleton
public class ModelResolver {

    /** The task of every embeddings call. */
    public static final String EMBEDDINGS_TASK = "embeddings";

    public static final Set<String> POLICIES = Set.of("offline_first", "cost_optimized", "speed_optimized",
            "quality_optimized");

    private final ModelCatalog catalog;
    private final TelemetryStats stats;
    private final TaskClassifier classifier;
    private final ServedProviders served;
    private final RouterConfig config;

    public ModelResolver(ModelCatalog catalog, TelemetryStats stats, TaskClassifier classifier, ServedProviders served,
            RouterConfig config) {
        this.catalog = catalog;
        this.stats = stats;
        this.classifier = classifier;
        this.served = served;
        this.config = config;
    }

    /** The plan of a chat-like call (chat, Messages, Responses): only models that generate text are candidates. */
    public Plan resolve(ObjectNode body, String policyHeader, String taskHeader) {
        return resolve(body, policyHeader, taskHeader, Operation.CHAT);
    }

    /**
     * The plan of a call: the models to try, best first, and why; a bad header or model name is a 400 or 404. An
     * embeddings call has the task {@value #EMBEDDINGS_TASK} and only embedding models as candidates; every other
     * operation only models that are not.
     */
    public Plan resolve(ObjectNode body, String policyHeader, String taskHeader, Operation operation) {
        String policy = policyHeader == null || policyHeader.isBlank() ? null : policyHeader.trim();
        if (policy != null && !POLICIES.contains(policy)) {
            throw new ApiException(400, "X-Switchboard-Policy must be one of " + String.join(", ", sorted(POLICIES)) + ".",
                    "X-Switchboard-Policy", null);
        }
        Needs needs = Needs.of(body, operation == Operation.EMBEDDINGS);
        String task = needs.embeddings() ? EMBEDDINGS_TASK
                : taskHeader == null || taskHeader.isBlank() ? classifier.classify(body, needs) : taskHeader.trim();
        if (!needs.embeddings() && !TaskClassifier.TASKS.contains(task)) {
            throw new ApiException(400, "X-Switchboard-Task must be one of " + String.join(", ", sorted(TaskClassifier.TASKS))
                    + ".", "X-Switchboard-Task", null);
        }
        String name = body.get("model").asText().trim();
        Set<Candidate> candidates = new LinkedHashSet<>();
        String reason;
        if ("auto".equals(name)) {
            policy = policy == null ? config.defaultPolicy() : policy;
            candidates.addAll(ranked(policy, task, needs));
            reason = "auto: " + policy + " for " + task;
        } else if (config.aliases().containsKey(name)) {
            for (String entry : config.aliases().get(name).split(",")) {
                configured(entry, needs).ifPresent(candidates::add);
            }
            if (candidates.isEmpty()) {
                throw notFound(name, "none of the models of this alias is in the model registry");
            }
            reason = "alias " + name;
        } else {
            candidates.add(named(name));
            reason = "requested model";
        }
        JsonNode fallbacks = body.get("models");
        if (fallbacks != null && !fallbacks.isNull()) {
            if (!fallbacks.isArray()) {
                throw new ApiException(400, "'models' must be an array of model names.", "models", null);
            }
            for (JsonNode fallback : fallbacks) {
                if (!fallback.isTextual()) {
                    throw new ApiException(400, "'models' must be an array of model names.", "models", null);
                }
                candidates.add(named(fallback.asText().trim()));
            }
        }
        for (Candidate candidate : List.copyOf(candidates)) {
            String configured = config.fallbacks().get(candidate.qualified());
            if (configured != null) {
                for (String entry : configured.split(",")) {
                    configured(entry, needs).ifPresent(candidates::add);
                }
            }
        }
        List<Candidate> able = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            if (canServe(candidate, needs)) {
                able.add(candidate);
            }
        }
        if (able.isEmpty()) {
            throw new ApiException(400, "None of the models " + candidates.stream().map(Candidate::qualified).toList()
                    + " can serve this call (" + describe(needs) + ").", "model", "model_not_capable");
        }
        return new Plan(List.copyOf(able), policy, task, reason);
    }

    /**
     * The plan with {@code qualified} (the model that made the answer a call continues) tried first, when the call
     * leaves the choice to Switchboard ({@code auto} or an alias): moved to the front when it is one of the plan's, or
     * added there when the caller's key {@code allows} it, an adapter serves its provider, the registry lists it (or
     * does not list its provider) and it can serve the call. Otherwise the plan stays as it was; routing, breakers and
     * fallbacks treat the model as any candidate. A call that names its model keeps it.
     */
    public Plan preferring(Plan plan, ObjectNode body, String qualified, Predicate<Candidate> allows) {
        String name = body.path("model").asText().trim();
        if (qualified == null || !("auto".equals(name) || config.aliases().containsKey(name))) {
            return plan;
        }
        List<Candidate> ordered = new ArrayList<>(plan.candidates());
        Optional<Candidate> planned = ordered.stream().filter(candidate -> candidate.qualified().equals(qualified))
                .findFirst();
        if (planned.isPresent()) {
            ordered.remove(planned.get());
            ordered.add(0, planned.get());
        } else {
            Optional<Candidate> added = continuable(qualified, body, allows);
            if (added.isEmpty()) {
                return plan;
            }
            ordered.add(0, added.get());
        }
        return new Plan(List.copyOf(ordered), plan.policy(), plan.task(), plan.reason() + ", continuing on " + qualified);
    }

    /** The previous response's model, when the plan may gain it: see {@link #preferring}. */
    private Optional<Candidate> continuable(String qualified, ObjectNode body, Predicate<Candidate> allows) {
        int slash = qualified.indexOf('/');
        if (slash <= 0 || !Providers.isKnown(qualified.substring(0, slash))) {
            return Optional.empty();
        }
        Candidate candidate = Candidate.parse(qualified);
        boolean listed = catalog.find(qualified).map(CatalogModel::inCatalog)
                .orElse(!catalog.listsProvider(candidate.provider()));
        return listed && served.isServed(candidate.provider()) && allows.test(candidate)
                && canServe(candidate, Needs.of(body)) ? Optional.of(candidate) : Optional.empty();
    }

    /**
     * The catalog's models that can serve the call and whose provider an adapter serves now, best first for the policy;
     * the task's picks lead.
     */
    private List<Candidate> ranked(String policy, String task, Needs needs) {
        List<String> preferred = config.tasks().containsKey(task) ? List.of(config.tasks().get(task).split(",")) : List.of();
        Comparator<CatalogModel> byPreference = Comparator.comparingInt(model -> {
            int index = preferred.indexOf(model.id());
            return index < 0 ? Integer.MAX_VALUE : index;
        });
        Comparator<CatalogModel> byPolicy = switch (policy) {
            case "cost_optimized" -> Comparator.comparing(CatalogModel::blendedPrice,
                    Comparator.nullsLast(Comparator.naturalOrder()));
            case "speed_optimized" -> Comparator.comparingDouble(model -> stats.expectedLatencyMs(model));
            case "offline_first" -> Comparator.comparing((CatalogModel model) -> !model.local())
                    .thenComparing(Comparator.comparingInt(CatalogModel::qualityRank).reversed());
            default -> Comparator.comparingInt(CatalogModel::qualityRank).reversed();
        };
        Comparator<CatalogModel> knownFirst = Comparator.comparing((CatalogModel model) -> !knownToServe(model, needs));
        return catalog.models().stream()
                .filter(model -> model.inCatalog() && served.isServed(model.provider()))
                // auto picks by kind only on what is known: an embedding model for embeddings, and never one for chat.
                .filter(model -> needs.embeddings() ? model.embeds() : !model.embeds())
                .filter(model -> canServe(model, needs))
                .sorted(knownFirst.thenComparing(byPolicy).thenComparing(byPreference).thenComparing(CatalogModel::id))
                .map(model -> new Candidate(model.provider(), model.modelId()))
                .toList();
    }

    private boolean canServe(Candidate candidate, Needs needs) {
        Optional<CatalogModel> model = catalog.find(candidate.qualified());
        return model.isEmpty() || canServe(model.get(), needs);
    }

    /** Whether the model might serve the call: only what the registry knows to be missing rules it out. */
    private static boolean canServe(CatalogModel model, Needs needs) {
        if (needs.embeddings() ? model.lacks(CatalogModel.EMBEDDINGS) : model.embeds()) {
            return false;
        }
        if (needs.images() && model.lacks("vision")) {
            return false;
        }
        if (needs.tools() && model.lacks("function-calling")) {
            return false;
        }
        return !model.tooSmallFor(needs.estimatedTokens());
    }

    /** Whether the registry knows the model has what the call needs. */
    private static boolean knownToServe(CatalogModel model, Needs needs) {
        return (!needs.images() || model.can("vision")) && (!needs.tools() || model.can("function-calling"));
    }

    private static String describe(Needs needs) {
        List<String> parts = new ArrayList<>();
        parts.add(needs.embeddings() ? "embeddings need an embedding model" : "an embedding model cannot chat");
        if (needs.images()) {
            parts.add("images need vision");
        }
        if (needs.tools()) {
            parts.add("tools need function calling");
        }
        parts.add("about " + needs.estimatedTokens() + " tokens need a window that fits them");
        return String.join("; ", parts);
    }

    /** A model given by name: provider/model as written, or a bare id the catalog holds under exactly one provider. */
    private Candidate named(String name) {
        int slash = name.indexOf('/');
        if (slash > 0 && Providers.isKnown(name.substring(0, slash))) {
            String model = name.substring(slash + 1);
            if (model.isEmpty()) {
                throw notFound(name, "no model id follows the provider");
            }
            // The catalog can only deny a model of a provider it lists; an unlisted provider is left to its adapter.
            if (catalog.listsProvider(name.substring(0, slash)) && catalog.find(name).isEmpty()) {
                throw notFound(name, "it is not in the model registry");
            }
            return new Candidate(name.substring(0, slash), model);
        }
        List<CatalogModel> matches = catalog.withModelId(name);
        if (matches.size() == 1) {
            return new Candidate(matches.get(0).provider(), matches.get(0).modelId());
        }
        if (matches.size() > 1) {
            throw notFound(name, "several providers serve it, so name one: "
                    + String.join(", ", matches.stream().map(CatalogModel::id).toList()));
        }
        if (slash > 0) {
            throw notFound(name, "'" + name.substring(0, slash) + "' is not a known provider (known: "
                    + String.join(", ", Providers.KNOWN) + ")");
        }
        throw notFound(name, "use the form provider/model, for example mock/echo, an alias, or auto");
    }

    /**
     * A model from configuration (an alias, a fallback): one the registry does not list is left out rather than failing
     * the call, since the catalog moves on (a model retired, a provider's list refreshed) while configuration stays; so
     * is one an embeddings call cannot be sure embeds.
     */
    private Optional<Candidate> configured(String name, Needs needs) {
        try {
            Candidate candidate = named(name.trim());
            // Aliases and fallbacks are written for chat: an embeddings call takes only those the registry says embed.
            if (needs.embeddings() && !catalog.find(candidate.qualified()).map(CatalogModel::embeds).orElse(false)) {
                return Optional.empty();
            }
            return Optional.of(candidate);
        } catch (ApiException notInTheRegistry) {
            return Optional.empty();
        }
    }

    private static ApiException notFound(String name, String reason) {
        return new ApiException(404, "The model '" + name + "' does not exist: " + reason + ".", "model", "model_not_found");
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
