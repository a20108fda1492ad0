package dev.switchboard.registry.governance.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.registry.governance.KeyView;
import dev.switchboard.registry.governance.service.KeyService;

/** Managed API keys, behind the admin key. A key's secret is returned once, by the call that creates or rotates it. */
@Path("/admin/keys")
@Requires(Right.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "governance")
public class KeyResource {

    private final KeyService keys;

    public KeyResource(KeyService keys) {
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Creates a key; the answer holds its secret ('key': 'sb-...'), shown this once")
    public Response create(JsonNode body) {
        KeyView key = keys.create(body);
        return Response.created(URI.create("/admin/keys/" + key.id())).entity(key).build();
    }

    @GET
    @Operation(summary = "Lists keys without their secrets, optionally of one team (id or name) or with one name")
    public List<KeyView> list(@QueryParam("team") String team, @QueryParam("name") String name) {
        return keys.list(team, name);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One key without its secret: settings, spend in the current period, what remains, last use")
    public KeyView get(@PathParam("id") String id) {
        return keys.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes the fields the body names (null clears one); every router sees it within 2 s")
    public KeyView patch(@PathParam("id") String id, JsonNode body) {
        return keys.patch(id, body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revokes the key; every router refuses it within 2 s")
    public KeyView revoke(@PathParam("id") String id) {
        return keys.revoke(id);
    }

    @POST
    @Path("/{id}/rotate")
    @Operation(summary = "Gives the key a new secret, returned this once; the old one stops working")
    public KeyView rotate(@PathParam("id") String id) {
        return keys.rotate(id);
    }
}
