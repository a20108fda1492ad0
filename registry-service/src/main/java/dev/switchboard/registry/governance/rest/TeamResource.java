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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.registry.governance.TeamView;
import dev.switchboard.registry.governance.service.TeamService;

/** Teams, behind the admin key: their budget, rate limits and models apply to all their keys together. */
@Path("/admin/teams")
@Requires(Right.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "governance")
public class TeamResource {

    private final TeamService teams;

    public TeamResource(TeamService teams) {
        this.teams = teams;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Creates a team: name, maxBudgetUsd, budgetPeriod, rpm, tpm, models, metadata")
    public Response create(JsonNode body) {
        TeamView team = teams.create(body);
        return Response.created(URI.create("/admin/teams/" + team.id())).entity(team).build();
    }

    @GET
    @Operation(summary = "Lists teams by name, each with its spend in the current period")
    public List<TeamView> list() {
        return teams.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One team with its spend in the current period")
    public TeamView get(@PathParam("id") String id) {
        return teams.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes the fields the body names (null clears one); every router sees it within 2 s")
    public TeamView patch(@PathParam("id") String id, JsonNode body) {
        return teams.patch(id, body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Deletes a team that has no live keys")
    public Response delete(@PathParam("id") String id) {
        teams.delete(id);
        return Response.noContent().build();
    }
}
