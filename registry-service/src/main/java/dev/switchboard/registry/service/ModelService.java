package dev.switchboard.registry.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.switchboard.api.ApiException;
import dev.switchboard.registry.Costs;
import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelFilter;
import dev.switchboard.registry.ModelPage;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.Provider;
import dev.switchboard.registry.messaging.ServedProviders;

/**
 * Reads the catalog: filtered, paged model lists and single models with their price history, each available when it is
 * listed and its provider served now.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ModelService {

    private final ServedProviders served;

    public ModelService(ServedProviders served) {
        this.served = served;
    }

    /** Binary order of provider then model id, the same whatever the database's collation. */
    private static final Comparator<Model> ORDER = Comparator.comparing((Model m) -> m.provider)
            .thenComparing(m -> m.modelId);

    public ModelPage list(ModelFilter filter, int page, int size) {
        List<ModelView> matching = all().stream().filter(filter::matches).toList();
        int from = (int) Math.min((long) page * size, matching.size());
        int to = Math.min(from + size, matching.size());
        return new ModelPage(matching.subList(from, to), page, size, matching.size());
    }

    /** Every model with the price in force now, in (provider, modelId) order. */
    public List<ModelView> all() {
        Map<String, Provider> providers = providersByName();
        Map<Long, ModelPrice> prices = ModelPrice.allInForce(Instant.now());
        return Model.<Model> listAll().stream()
                .sorted(ORDER)
                .map(model -> view(model, providers.get(model.provider), prices.get(model.id), null, null,
                        served.isServed(model.provider)))
                .toList();
    }

    public Optional<ModelView> find(String provider, String modelId) {
        return Model.findByName(provider, modelId).map(model -> view(model, Provider.findById(model.provider),
                ModelPrice.inForce(model.id, Instant.now()).orElse(null),
                ModelPrice.latestPending(model.id).map(PriceView::of).orElse(null),
                ModelPrice.history(model.id).stream().map(PriceView::of).toList(), served.isServed(model.provider)));
    }

    public ModelView require(String provider, String modelId) {
        return find(provider, modelId).orElseThrow(() -> notFound(provider, modelId));
    }

    public static ApiException notFound(String provider, String modelId) {
        return new ApiException(404, "model " + provider + "/" + modelId + " is not in the catalog", null,
                "model_not_found");
    }

    static ModelView view(Model model, Provider provider, ModelPrice current, PriceView pending, List<PriceView> history,
            boolean providerServed) {
        return new ModelView(model.name(), model.provider, model.modelId, model.displayName, model.description,
                List.copyOf(model.capabilities), model.capabilitiesKnown, model.contextWindow, model.maxOutputTokens,
                model.latencyTier,
                model.qualityTier, model.openWeights, isLocal(provider), model.available,
                model.available && providerServed, model.deprecated,
                model.sunsetDate, model.origin, model.factsSource, model.factsFetchedAt, current != null,
                Costs.blended(current),
                current == null ? null : PriceView.of(current), pending, history);
    }

    static boolean isLocal(Provider provider) {
        return provider != null && "local".equals(provider.kind);
    }

    private static Map<String, Provider> providersByName() {
        return Provider.<Provider> listAll().stream().collect(Collectors.toMap(p -> p.name, Function.identity()));
    }
}
