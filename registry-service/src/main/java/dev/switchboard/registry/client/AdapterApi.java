package dev.switchboard.registry.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The provider adapters' model list, in the OpenAI list shape. */
@Path("/providers")
interface AdapterApi {

    @GET
    @Path("/{provider}/models")
    ModelList models(@PathParam("provider") String provider);

    /** {@code {"object":"list","data":[{"id","object","owned_by"}]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelList(List<Entry> data) {
    }

    /** One listed model; {@code id} is the provider-side model id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String id) {
    }
}
