package dev.switchboard.registry.governance.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.registry.governance.LeaseRequest;
import dev.switchboard.registry.governance.LeaseResponse;
import dev.switchboard.registry.governance.service.LeaseService;

/**
 * Where router replicas take, renew, top up and return their leases on keys' and teams' limits; they call it with the
 * operations key that services send each other.
 */
@Path("/governance/leases")
@Requires(Right.OPS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "governance")
public class LeaseResource {

    private final LeaseService leases;

    public LeaseResource(LeaseService leases) {
        this.leases = leases;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Takes, renews, tops up or returns a router replica's leases on some scopes, in one transaction")
    public LeaseResponse lease(LeaseRequest request) {
        return leases.lease(request);
    }
}
