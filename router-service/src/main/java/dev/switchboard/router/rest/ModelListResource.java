package dev.switchboard.router.rest;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;

import dev.switchboard.api.ApiException;
import dev.switchboard.router.messaging.ServedProviders;
import dev.switchboard.router.service.ModelCatalog;

/** {@code GET /v1/models}: the registry's models in the OpenAI list shape. */
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
        if (!catalog.awaitLoaded(REGISTRY_WAIT)) {
            throw new ApiException(503, "The model registry has not answered yet; retry shortly.", null,
                    "registry_unavailable");
        }
        return new OpenAiModelList("list", catalog.models().stream()
                .filter(model -> model.inCatalog() && served.isServed(model.provider()))
                .map(model -> new OpenAiModel(model.id(), "model", 0, model.provider()))
                .toList());
    }
}
