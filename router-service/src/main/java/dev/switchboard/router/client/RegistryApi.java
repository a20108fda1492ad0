package dev.switchboard.router.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.switchboard.router.CatalogModel;

/** The registry's HTTP API, as far as the router reads it. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/models")
@RegisterRestClient(configKey = "registry")
interface RegistryApi {

    @GET
    ModelPage models(@QueryParam("page") int page, @QueryParam("size") int size);

    /** One page of {@code GET /models}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelPage(List<CatalogModel> data, int page, int size, long total) {
    }
}
