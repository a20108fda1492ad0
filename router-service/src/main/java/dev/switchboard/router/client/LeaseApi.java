package dev.switchboard.router.client;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

import io.smallrye.mutiny.Uni;

import dev.switchboard.router.governance.LeaseExchange;

/**
 * The registry's lease API, which a router replica calls with the operations key to take and return its leases; built by
 * {@link LeaseClient}, which owns it.
 */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/governance/leases")
interface LeaseApi {

    @POST
    Uni<LeaseExchange.Response> lease(LeaseExchange.Request request);
}
