package dev.switchboard.telemetry.attribution;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

/** Who and what spent: usage and cost over a recent window, grouped by operation, key, team, end user or tag. */
@Path("/telemetry/spend")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telemetry")
public class SpendResource {

    private final SpendRepository spend;

    public SpendResource(SpendRepository spend) {
        this.spend = spend;
    }

    /** The answer: what it is grouped by, since when, and the groups, the costliest first. */
    public record Spend(SpendBy by, Instant since, int hours, List<SpendGroup> groups) {
    }

    @GET
    @Operation(summary = "Requests, tokens and cost per operation, key, team, end user or tag, the costliest first")
    public Spend spend(
            @QueryParam("by") @DefaultValue("key") String by,
            @QueryParam("hours") @DefaultValue("24") @Min(1) @Max(24 * 366) int hours,
            @QueryParam("provider") String provider,
            @QueryParam("model") String model,
            @QueryParam("operation") String operation,
            @QueryParam("key") String key,
            @QueryParam("team") String team,
            @QueryParam("user") String user,
            @QueryParam("tag") String tag) throws SQLException {
        SpendBy grouping = SpendBy.of(by);
        UsageFilter filter = UsageFilter.of(operation, key, team, user, tag);
        Instant since = Instant.now().minus(Duration.ofHours(hours));
        return new Spend(grouping, since, hours, spend.spend(grouping, since, provider, model, filter));
    }
}
