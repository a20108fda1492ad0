package dev.switchboard.telemetry.stats;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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

import dev.switchboard.api.ApiException;
import dev.switchboard.telemetry.attribution.UsageFilter;

/** Per provider and model statistics over a recent window, and time series for charts. */
@Path("/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telemetry")
public class TelemetryResource {

    /** Minute buckets over more than two days would be more points than a chart can show. */
    private static final int MAX_MINUTE_HOURS = 48;
    /** A day of minute rollups; longer windows are what the exact statistics are for. */
    private static final int MAX_LATENCY_MINUTES = 24 * 60;

    private final StatsRepository stats;
    private final HistoryRepository history;
    private final LatencyRepository latencies;

    public TelemetryResource(StatsRepository stats, HistoryRepository history, LatencyRepository latencies) {
        this.stats = stats;
        this.history = history;
        this.latencies = latencies;
    }

    @GET
    @Operation(summary = "Requests, outcomes, retries, latency and TTFT percentiles, tokens, cost and recent errors per provider and model")
    public TelemetrySummary summary(
            @QueryParam("provider") String provider,
            @QueryParam("model") String model,
            @QueryParam("hours") @DefaultValue("24") @Min(1) @Max(24 * 366) int hours,
            @QueryParam("operation") String operation,
            @QueryParam("key") String key,
            @QueryParam("team") String team,
            @QueryParam("user") String user,
            @QueryParam("tag") String tag) throws SQLException {
        UsageFilter filter = UsageFilter.of(operation, key, team, user, tag);
        Instant since = Instant.now().minus(Duration.ofHours(hours));
        return new TelemetrySummary(since, hours, stats.stats(since, provider, model, filter));
    }

    @GET
    @Path("/history")
    @Operation(summary = "Time series per minute or hour: requests, outcomes, tokens, cost and latency percentiles; "
            + "filtered by operation, key, team, user or tag, from the raw events (kept 30 days by default)")
    public History history(
            @QueryParam("provider") String provider,
            @QueryParam("model") String model,
            @QueryParam("hours") @DefaultValue("24") @Min(1) @Max(24 * 366) int hours,
            @QueryParam("bucket") @DefaultValue("hour") String bucket,
            @QueryParam("operation") String operation,
            @QueryParam("key") String key,
            @QueryParam("team") String team,
            @QueryParam("user") String user,
            @QueryParam("tag") String tag) throws SQLException {
        UsageFilter filter = UsageFilter.of(operation, key, team, user, tag);
        if (!"minute".equals(bucket) && !"hour".equals(bucket)) {
            throw new ApiException(400, "bucket '" + bucket + "' is not one of minute, hour", "bucket", null);
        }
        if ("minute".equals(bucket) && hours > MAX_MINUTE_HOURS) {
            throw new ApiException(400, "bucket=minute covers at most " + MAX_MINUTE_HOURS + " hours; use bucket=hour",
                    "hours", null);
        }
        return history.history(Instant.now(), hours, bucket, provider, model, filter);
    }

    @GET
    @Path("/latency")
    @Operation(summary = "Requests, outcomes, success rate and approximate latency percentiles per provider and model "
            + "over the last minutes, from the rollups and their latency histograms (what the routers and the "
            + "registry read)")
    public LatencySummary latency(
            @QueryParam("minutes") @DefaultValue("60") @Min(1) @Max(MAX_LATENCY_MINUTES) int minutes) throws SQLException {
        // The current minute counts as one of them: the window is whole minutes, as the rollups are.
        Instant since = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES);
        return new LatencySummary(since, minutes, latencies.since(since));
    }
}
