package dev.switchboard.router.rest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;

import dev.switchboard.api.ApiException;
import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.messaging.ServedProviders;
import dev.switchboard.router.service.ModelCatalog;

/**
 * {@code GET /v1/models}: the registry's models in the OpenAI list shape; {@code GET /v1/models/{id}}: one of them, as
 * the SDKs' {@code models.retrieve} asks for it.
 */
@Path("/v1/models")
public class ModelListResource {

    /** One entry of the OpenAI model list. */
    public record OpenAiModel(String id, String object, long created, String owned_by) {
    }

    /** The OpenAI list envelope. */
    public record OpenAiModelList(String object, List<OpenAiModel> data) {
    }

    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(5);

    private final ModelCatalog catalog;
    private final ServedProviders served;

    public ModelListResource(ModelCatalog catalog, ServedProviders served) {
        this.catalog = catalog;
        this.served = served;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public OpenAiModelList list() {
        awaitCatalog();
        return new OpenAiModelList("list", catalog.models().stream()
                .filter(this::offered)
                .map(ModelListResource::entry)
                .toList());
    }

    /**
     * One model the list holds, by {@code provider/model} (its slash sent as it is or escaped) or by a bare model id
     * the list holds under one provider only; anything else is a 404 {@code model_not_found}.
     */
    @GET
    @Path("/{id: .+}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public OpenAiModel retrieve(@PathParam("id") String id) {
        awaitCatalog();
        Optional<CatalogModel> model = catalog.find(id).filter(this::offered);
        if (model.isEmpty()) {
            List<CatalogModel> bare = catalog.withModelId(id).stream().filter(this::offered).toList();
            model = bare.size() == 1 ? Optional.of(bare.get(0)) : Optional.empty();
        }
        return model.map(ModelListResource::entry).orElseThrow(() -> new ApiException(404,
                "The model '" + id + "' does not exist or you do not have access to it.", "model", "model_not_found"));
    }

    private boolean offered(CatalogModel model) {
        return model.inCatalog() && served.isServed(model.provider());
    }

    private static OpenAiModel entry(CatalogModel model) {
        return new OpenAiModel(model.id(), "model", 0, model.provider());
    }

    private void awaitCatalog() {
        if (!catalog.awaitLoaded(REGISTRY_WAIT)) {
            throw new ApiException(503, "The model registry has not answered yet; retry shortly.", null,
                    "registry_unavailable");
        }
    }
}
