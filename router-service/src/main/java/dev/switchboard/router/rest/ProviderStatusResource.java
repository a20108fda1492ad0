package dev.switchboard.router.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.switchboard.contracts.Providers;
import dev.switchboard.router.service.pipeline.Breakers;
import dev.switchboard.router.service.pipeline.ProviderTracker;

/** {@code GET /v1/providers}: each provider's circuit state and what this replica saw of it recently. */
@Path("/v1/providers")
public class ProviderStatusResource {

    /** One provider's status. */
    public record ProviderStatus(String name, String kind, String state, int recentAttempts, double errorRate,
            Long latencyP50Ms) {
    }

    /** The list envelope. */
    public record ProviderList(String object, List<ProviderStatus> data) {
    }

    private final Breakers breakers;
    private final ProviderTracker tracker;

    public ProviderStatusResource(Breakers breakers, ProviderTracker tracker) {
        this.breakers = breakers;
        this.tracker = tracker;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ProviderList list() {
        return new ProviderList("list", Providers.KNOWN.stream().map(name -> {
            var recent = tracker.snapshot(name);
            return new ProviderStatus(name, Providers.LOCAL.contains(name) ? "local" : "cloud",
                    breakers.providerState(name).name().toLowerCase(java.util.Locale.ROOT), recent.attempts(),
                    recent.errorRate(), recent.latencyP50Ms());
        }).toList());
    }
}
