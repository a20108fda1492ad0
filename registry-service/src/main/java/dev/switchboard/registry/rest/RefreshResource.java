package dev.switchboard.registry.rest;

import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.registry.RefreshResult;
import dev.switchboard.registry.service.DiscoveryService;

/** Discovery (an admin write): asks the adapters which models each provider lists and brings the catalog in line. */
@Path("/models/refresh")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class RefreshResource {

    private final DiscoveryService discovery;

    public RefreshResource(DiscoveryService discovery) {
        this.discovery = discovery;
    }

    @POST
    @Requires(Right.ADMIN)
    @Operation(summary = "Refreshes the named providers (?provider=, repeatable) or every enabled one")
    public RefreshResult refresh(@QueryParam("provider") List<String> providers) {
        return discovery.refresh(providers);
    }
}
