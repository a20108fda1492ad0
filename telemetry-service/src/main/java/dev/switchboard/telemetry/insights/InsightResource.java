package dev.switchboard.telemetry.insights;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recommendations drawn from the data, each with the numbers behind it. */
@Path("/telemetry/insights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telemetry")
public class InsightResource {

    private final InsightService insights;

    public InsightResource(InsightService insights) {
        this.insights = insights;
    }

    @GET
    @Operation(summary = "Latency regressions, rising error rates, cheaper models, unpriced models and caching advice")
    public Insights insights(@QueryParam("hours") @DefaultValue("24") @Min(1) @Max(24 * 31) int hours)
            throws SQLException {
        return insights.insights(Instant.now(), hours);
    }
}
