package dev.switchboard.registry.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The telemetry service's statistics, as far as the registry reads them. */
@ClientHeaderParam(name = "Authorization", value = "{dev.switchboard.api.auth.ServiceCredentials.opsBearer}", required = false)
@Path("/telemetry")
@RegisterRestClient(configKey = "telemetry")
interface TelemetryApi {

    /** Read from the rollups, whose rows per model are bounded whatever the traffic, not from the raw events. */
    @GET
    @Path("/latency")
    Window stats(@QueryParam("minutes") int minutes);

    /** The answer of {@code GET /telemetry/latency}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Window(int minutes, List<ModelStats> models) {
    }
}
