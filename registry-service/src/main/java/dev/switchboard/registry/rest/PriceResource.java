package dev.switchboard.registry.rest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import dev.switchboard.registry.PriceView;
import dev.switchboard.registry.PriceWrite;
import dev.switchboard.registry.service.PriceService;
import dev.switchboard.registry.service.RequestChecks;

/** A model's effective-dated prices: the history, the price in force at a time, manual prices and acceptance. */
@Path("/models/{provider}/{modelId: .+}/prices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "prices")
public class PriceResource {

    private final PriceService prices;

    public PriceResource(PriceService prices) {
        this.prices = prices;
    }

    @GET
    @Public
    @Operation(summary = "The price history, newest effective date first, pending proposals included")
    public List<PriceView> history(@PathParam("provider") String provider, @PathParam("modelId") String modelId) {
        return prices.history(provider, modelId);
    }

    @GET
    @Public
    @Path("/at")
    @Operation(summary = "The price in force at an instant (?time=ISO-8601), as cost lookups use it")
    public PriceView at(@PathParam("provider") String provider, @PathParam("modelId") String modelId,
            @QueryParam("time") String time) {
        RequestChecks.present(time, "time");
        return prices.inForce(provider, modelId, RequestChecks.instant(time, "time"));
    }

    @POST
    @Requires(Right.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adds a manual price (admin key); a past effectiveFrom corrects that period")
    public Response add(@PathParam("provider") String provider, @PathParam("modelId") String modelId, PriceWrite write) {
        return Response.status(201).entity(prices.addManual(provider, modelId, RequestChecks.body(write))).build();
    }

    @POST
    @Requires(Right.ADMIN)
    @Path("/accept")
    @Operation(summary = "Puts the catalog's pending price in force over the manual one (admin key)")
    public PriceView accept(@PathParam("provider") String provider, @PathParam("modelId") String modelId) {
        return prices.acceptPending(provider, modelId);
    }
}
