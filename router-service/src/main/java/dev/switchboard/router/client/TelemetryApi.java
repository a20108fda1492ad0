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

    @GET
    Summary summary(@QueryParam("hours") int hours);

    /** The answer of {@code GET /telemetry}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Summary(List<ModelLatency> models) {
    }

    /** One provider and model's recent figures. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelLatency(String provider, String model, long requests, long successes, double successRate,
            double latencyP50Ms, double latencyP95Ms) {
    }
}
