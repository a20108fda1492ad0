package dev.switchboard.registry.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.registry.Model;
import dev.switchboard.registry.ModelFilter;
import dev.switchboard.registry.ModelPage;
import dev.switchboard.registry.ModelPrice;
import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.Provider;

/** Reads the catalog: filtered, paged model lists and single models with their price history. */
@ApplicationScoped
public class ModelService {

    public ModelPage list(ModelFilter filter, int page, int size) {
        Map<String, Provider> providers = providersByName();
        Map<Long, ModelPrice> prices = ModelPrice.allInForce(Instant.now());
        List<ModelView> matching = Model.listOrdered().stream()
                .map(model -> view(model, providers, prices.get(model.id), null))
                .filter(filter::matches)
                .toList();
        int from = (int) Math.min((long) page * size, matching.size());
        int to = Math.min(from + size, matching.size());
        return new ModelPage(matching.subList(from, to), page, size, matching.size());
    }

    public Optional<ModelView> find(String provider, String modelId) {
        return Model.findByName(provider, modelId).map(model -> view(model, providersByName(),
                ModelPrice.inForce(model.id, Instant.now()).orElse(null),
                ModelPrice.history(model.id).stream().map(PriceView::of).toList()));
    }

    private static ModelView view(Model model, Map<String, Provider> providers, ModelPrice current, List<PriceView> history) {
        Provider provider = providers.get(model.provider);
        PriceView price = current == null ? null : PriceView.of(current);
        return new ModelView(model.provider + "/" + model.modelId, model.provider, model.modelId, model.displayName,
                model.description, List.copyOf(model.capabilities), model.contextWindow, model.maxOutputTokens,
                model.latencyTier, model.qualityTier, model.openWeights, provider != null && "local".equals(provider.kind),
                model.available, model.deprecated, model.sunsetDate, price, history);
    }

    private static Map<String, Provider> providersByName() {
        return Provider.<Provider> listAll().stream().collect(Collectors.toMap(p -> p.name, Function.identity()));
    }
}
