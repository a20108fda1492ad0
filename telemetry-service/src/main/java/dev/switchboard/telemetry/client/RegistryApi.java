package dev.switchboard.telemetry.client;

import java.util.List;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The registry's HTTP API, as far as telemetry reads it. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/models")
@RegisterRestClient(configKey = "registry")
interface RegistryApi {

    /** {@code modelId} is passed already encoded, segment by segment, so that its '/' stay path separators. */
    @GET
    @Path("/{provider}/{modelId}")
    RegistryModel model(@PathParam("provider") @Encoded String provider, @PathParam("modelId") @Encoded String modelId);

    @GET
    ModelPage models(@QueryParam("page") int page, @QueryParam("size") int size);

    /** One page of {@code GET /models}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelPage(List<RegistryModel> data, int page, int size, long total) {
    }
}
