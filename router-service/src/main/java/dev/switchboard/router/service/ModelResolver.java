package dev.switchboard.router.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.Providers;
import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.ChatRequest;

/**
 * Turns the request's {@code model} into a provider and a provider-side model id: {@code provider/model} as written,
 * or a bare model id that the catalog holds under exactly one provider.
 */
@ApplicationScoped
public class ModelResolver {

    private final ModelCatalog catalog;

    public ModelResolver(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public ChatRequest resolve(ObjectNode body) {
        String name = body.get("model").asText().trim();
        int slash = name.indexOf('/');
        if (slash > 0 && Providers.isKnown(name.substring(0, slash))) {
            String provider = name.substring(0, slash);
            String model = name.substring(slash + 1);
            if (model.isEmpty()) {
                throw notFound(name, "no model id follows the provider");
            }
            // The catalog can only deny a model of a provider it lists; an unlisted provider is left to its adapter.
            if (catalog.listsProvider(provider) && catalog.find(name).isEmpty()) {
                throw notFound(name, "it is not in the model registry");
            }
            return new ChatRequest(body, provider, model);
        }
        List<CatalogModel> matches = catalog.withModelId(name);
        if (matches.size() == 1) {
            return new ChatRequest(body, matches.get(0).provider(), matches.get(0).modelId());
        }
        if (matches.size() > 1) {
            throw notFound(name, "several providers serve it, so name one: "
                    + String.join(", ", matches.stream().map(CatalogModel::id).toList()));
        }
        if (slash > 0) {
            throw notFound(name, "'" + name.substring(0, slash) + "' is not a known provider (known: "
                    + String.join(", ", Providers.KNOWN) + ")");
        }
        throw notFound(name, "use the form provider/model, for example mock/echo");
    }

    private static ApiException notFound(String name, String reason) {
        return new ApiException(404, "The model '" + name + "' does not exist: " + reason + ".", "model", "model_not_found");
    }
}
