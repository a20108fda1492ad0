package dev.switchboard.telemetry.rest;

import java.sql.SQLException;
import java.time.Duration;
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

import dev.switchboard.telemetry.TelemetrySummary;
import dev.switchboard.telemetry.service.UsageRepository;

/** Per provider and model statistics over a recent window. */
@Path("/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telemetry")
public class TelemetryResource {

    private final UsageRepository repository;

    public TelemetryResource(UsageRepository repository) {
        this.repository = repository;
    }

    @GET
    @Operation(summary = "Requests, success rate, latency percentiles and tokens per provider and model")
    public TelemetrySummary summary(
            @QueryParam("provider") String provider,
            @QueryParam("model") String model,
            @QueryParam("hours") @DefaultValue("24") @Min(1) @Max(24 * 366) int hours) throws SQLException {
        Instant since = Instant.now().minus(Duration.ofHours(hours));
        return new TelemetrySummary(since, hours, repository.stats(since, provider, model));
    }
}
