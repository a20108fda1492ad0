package dev.switchboard.registry.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.auth.Public;
import dev.switchboard.registry.RecommendRequest;
import dev.switchboard.registry.RecommendResponse;
import dev.switchboard.registry.service.RecommendationService;

/** Ranks models for a described need, explaining each place and each exclusion. */
@Public
@Path("/models/recommend")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class RecommendResource {

    private final RecommendationService recommendations;

    public RecommendResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ranks the models that meet the constraints, with a score, an estimated cost and a reason each")
    public RecommendResponse recommend(RecommendRequest request) {
        return recommendations.recommend(request == null
                ? new RecommendRequest(null, null, null, null, null, null, null, null, null, null, null, null)
                : request);
    }
}
