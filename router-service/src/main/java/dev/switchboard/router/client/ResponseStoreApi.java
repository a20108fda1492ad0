package dev.switchboard.router.client;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** The registry's store of responses, which a router replica calls with the operations key. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/responses/{id}")
@RegisterRestClient(configKey = "registry")
interface ResponseStoreApi {

    @PUT
    Uni<Void> put(@PathParam("id") String id, StoredResponse stored);

    @GET
    Uni<StoredResponse> get(@PathParam("id") String id, @QueryParam("apiKeyId") String apiKeyId);

    @DELETE
    Uni<Void> delete(@PathParam("id") String id, @QueryParam("apiKeyId") String apiKeyId);
}
