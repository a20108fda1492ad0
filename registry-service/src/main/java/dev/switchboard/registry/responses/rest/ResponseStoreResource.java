package dev.switchboard.registry.responses.rest;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.registry.responses.StoredResponseBody;
import dev.switchboard.registry.responses.service.ResponseStore;

/**
 * Where router replicas keep the responses of {@code /v1/responses}, so any replica continues or reads what another
 * stored; they call it with the operations key that services send each other. Another key's response is a 404.
 */
@Path("/responses/{id}")
@Requires(Right.OPS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "responses")
public class ResponseStoreResource {

    private final ResponseStore store;

    public ResponseStoreResource(ResponseStore store) {
        this.store = store;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stores a response, its input items and its conversation, for the retention")
    public void put(@PathParam("id") String id, @Valid StoredResponseBody body) {
        store.put(id, body);
    }

    @GET
    @Operation(summary = "A stored response, when it exists, has not expired and belongs to the key")
    public StoredResponseBody get(@PathParam("id") String id, @QueryParam("apiKeyId") String apiKeyId) {
        return store.get(id, apiKeyId).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Operation(summary = "Deletes a stored response of the key")
    public void delete(@PathParam("id") String id, @QueryParam("apiKeyId") String apiKeyId) {
        if (!store.delete(id, apiKeyId)) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "No response with id '" + id + "' is stored for this key.", "id", null);
    }
}
