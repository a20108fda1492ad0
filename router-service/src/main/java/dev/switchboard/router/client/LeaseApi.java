package dev.switchboard.router.client;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

import dev.switchboard.router.governance.LeaseExchange;

/** The registry's lease API, which a router replica calls with the operations key to take and return its leases. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/governance/leases")
@RegisterRestClient(configKey = "registry")
interface LeaseApi {

    @POST
    Uni<LeaseExchange.Response> lease(LeaseExchange.Request request);
}
