package dev.switchboard.router.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The telemetry service's statistics, as far as the router reads them. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/telemetry")
@RegisterRestClient(configKey = "telemetry")
public interface TelemetryApi {

    /** Read from the minute rollups' latency histograms, at most one row per minute and rollup key. */
    @GET
    @Path("/latency")
    Latency latency(@QueryParam("minutes") int minutes);

    /** The answer of {@code GET /telemetry/latency}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Latency(List<ModelLatency> models) {
    }

    /** One provider and model's recent figures; the percentile is null when no attempt of the window was timed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelLatency(String provider, String model, long successes, Double latencyP50Ms) {
    }
}
