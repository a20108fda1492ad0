package dev.switchboard.registry.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.auth.Public;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.registry.ModelFilter;
import dev.switchboard.registry.ModelPage;
import dev.switchboard.registry.ModelView;
import dev.switchboard.registry.ModelWrite;
import dev.switchboard.registry.Vocabulary;
import dev.switchboard.registry.service.ModelAdminService;
import dev.switchboard.registry.service.ModelService;
import dev.switchboard.registry.service.RequestChecks;

/** The model catalog: a filtered, paged list, single models with their price history, and the admin writes. */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelResource {

    private final ModelService models;
    private final ModelAdminService admin;

    public ModelResource(ModelService models, ModelAdminService admin) {
        this.models = models;
        this.admin = admin;
    }

    @GET
    @Public
    @Operation(summary = "Lists models in (provider, modelId) order, filtered and paged")
    public ModelPage list(
            @QueryParam("provider") String provider,
            @QueryParam("capability") List<String> capabilities,
            @QueryParam("maxCost") BigDecimal maxCost,
            @QueryParam("minContextWindow") Integer minContextWindow,
            @QueryParam("latencyTier") String latencyTier,
            @QueryParam("minQuality") String minQuality,
            @QueryParam("openWeights") Boolean openWeights,
            @QueryParam("available") Boolean available,
            @QueryParam("local") Boolean local,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        RequestChecks.capabilities(capabilities, "capability");
        RequestChecks.cost(maxCost, "maxCost");
        RequestChecks.positive(minContextWindow, "minContextWindow");
        RequestChecks.oneOf(latencyTier, Vocabulary.LATENCY_TIERS, "latencyTier");
        RequestChecks.oneOf(minQuality, Vocabulary.QUALITY_TIERS, "minQuality");
        var filter = new ModelFilter(provider, capabilities == null || capabilities.isEmpty() ? null : capabilities,
                maxCost, minContextWindow, latencyTier, minQuality, openWeights, available, local);
        return models.list(filter, page, size);
    }

    @GET
    @Public
    @Path("/{provider}/{modelId: .+}")
    @Operation(summary = "One model with its current price, pending price and price history; the id may contain '/' and ':'")
    public ModelView get(@PathParam("provider") String provider, @PathParam("modelId") String modelId) {
        return models.require(provider, modelId);
    }

    @POST
    @Requires(Right.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adds a model (admin key); an optional price becomes its first manual price")
    public Response create(ModelWrite write) {
        ModelView created = admin.create(RequestChecks.body(write));
        return Response.created(URI.create("/models/" + created.id())).entity(created).build();
    }

    @PUT
    @Requires(Right.ADMIN)
    @Path("/{provider}/{modelId: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces a model's description (admin key); the catalog no longer overrides it")
    public ModelView replace(@PathParam("provider") String provider, @PathParam("modelId") String modelId,
            ModelWrite write) {
        return admin.replace(provider, modelId, RequestChecks.body(write));
    }

    @DELETE
    @Requires(Right.ADMIN)
    @Path("/{provider}/{modelId: .+}")
    @Operation(summary = "Deletes a model and its prices (admin key); the catalog and discovery will not re-add it")
    public Response delete(@PathParam("provider") String provider, @PathParam("modelId") String modelId) {
        admin.delete(provider, modelId);
        return Response.noContent().build();
    }
}
