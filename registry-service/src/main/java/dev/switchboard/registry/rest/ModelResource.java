package dev.switchboard.registry.rest;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.registry.ModelFilter;
import dev.switchboard.registry.ModelPage;
import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.service.ModelService;

/** The model catalog: a filtered, paged list and single models with their price history. */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelResource {

    private final ModelService service;

    public ModelResource(ModelService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Lists models in (provider, modelId) order, filtered and paged")
    public ModelPage list(
            @QueryParam("provider") String provider,
            @QueryParam("capability") List<String> capabilities,
            @QueryParam("available") Boolean available,
            @QueryParam("local") Boolean local,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        var filter = new ModelFilter(provider, capabilities == null || capabilities.isEmpty() ? null : capabilities, available,
                local);
        return service.list(filter, page, size);
    }

    @GET
    @Path("/{provider}/{modelId: .+}")
    @Operation(summary = "One model with its current price and price history; the model id may contain '/' and ':'")
    public ModelView get(@PathParam("provider") String provider, @PathParam("modelId") String modelId) {
        return service.find(provider, modelId)
                .orElseThrow(() -> new NotFoundException("model " + provider + "/" + modelId + " is not in the catalog"));
    }
}
