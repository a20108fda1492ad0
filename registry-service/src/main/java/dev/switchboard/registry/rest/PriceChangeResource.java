package dev.switchboard.registry.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.auth.Public;
import dev.switchboard.registry.PriceChange;
import dev.switchboard.registry.PriceDriftView;
import dev.switchboard.registry.service.PriceService;
import dev.switchboard.registry.service.RequestChecks;

/**
 * Price rows set since a time, for consumers that recompute spend after corrections, and the drifts between synced
 * prices and the prices in force, for telemetry's insights.
 */
@Public
@Path("/prices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "prices")
public class PriceChangeResource {

    private final PriceService prices;

    public PriceChangeResource(PriceService prices) {
        this.prices = prices;
    }

    @GET
    @Operation(summary = "Price rows set at or after ?since (ISO-8601), oldest first; each effectiveFrom is where recomputing starts")
    public List<PriceChange> setSince(@QueryParam("since") String since) {
        RequestChecks.present(since, "since");
        return prices.setSince(RequestChecks.instant(since, "since"));
    }

    @GET
    @Path("/drift")
    @Operation(summary = "Synced prices that differ from the price in force, as syncs found them at or after ?since (ISO-8601), newest first")
    public List<PriceDriftView> drift(@QueryParam("since") String since) {
        RequestChecks.present(since, "since");
        return prices.driftSince(RequestChecks.instant(since, "since"));
    }
}
