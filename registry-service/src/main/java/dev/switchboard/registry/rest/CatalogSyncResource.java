package dev.switchboard.registry.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.registry.service.sync.CatalogSync;
import dev.switchboard.registry.service.sync.SyncReport;

/** The catalog sync (admin): run it now, or dry, and see what the last run did. */
@Path("/admin/catalog/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalog sync")
@Requires(Right.ADMIN)
public class CatalogSyncResource {

    private final CatalogSync sync;

    public CatalogSyncResource(CatalogSync sync) {
        this.sync = sync;
    }

    @POST
    @Operation(summary = "Syncs facts and prices from ?source= (OpenRouter's model list or LiteLLM's price map), or the"
            + " configured source; ?dryRun=true lists what would change and writes nothing")
    public SyncReport run(@QueryParam("source") String source, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        return sync.run(source, dryRun);
    }

    @GET
    @Operation(summary = "What the last sync on this replica did, or why it changed nothing")
    public SyncReport last() {
        SyncReport last = sync.last();
        if (last == null) {
            throw new ApiException(404, "no catalog sync has run on this replica since it started", null, "no_sync");
        }
        return last;
    }
}
