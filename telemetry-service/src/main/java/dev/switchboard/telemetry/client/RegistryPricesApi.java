package dev.switchboard.telemetry.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The registry's price routes, as far as telemetry reads them. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/prices")
@RegisterRestClient(configKey = "registry")
interface RegistryPricesApi {

    /** The price rows set at or after an ISO-8601 instant, oldest first. */
    @GET
    List<RegistryPriceChange> setSince(@QueryParam("since") String since);

    /** The drifts the registry's catalog sync has found since an ISO-8601 instant, newest first. */
    @GET
    @Path("/drift")
    List<RegistryDrift> drift(@QueryParam("since") String since);
}
