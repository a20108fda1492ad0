package dev.switchboard.telemetry.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The registry's governance routes, as far as telemetry reads them. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/governance")
@RegisterRestClient(configKey = "registry")
interface RegistryGovernanceApi {

    /** Every budgeted key's and team's settled spend in the period that holds an ISO-8601 instant. */
    @GET
    @Path("/spend")
    List<RegistrySpend> spend(@QueryParam("at") String at);
}
