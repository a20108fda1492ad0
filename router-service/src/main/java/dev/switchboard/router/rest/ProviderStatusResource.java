package dev.switchboard.router.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.switchboard.contracts.Providers;
import dev.switchboard.router.messaging.ServedProviders;
import dev.switchboard.router.service.pipeline.Breakers;
import dev.switchboard.router.service.pipeline.ProviderTracker;

/**
 * {@code GET /v1/providers}: each provider's circuit state, whether an adapter serves it now, and what this replica saw
 * of it recently.
 */
@Path("/v1/providers")
public class ProviderStatusResource {

    /**
     * One provider's status: {@code served} while an adapter instance that can call it consumes its topic
     * ({@code adapters} of them), else {@code notServedReason} says why.
     */
    public record ProviderStatus(String name, String kind, boolean served, int adapters, String notServedReason,
            String state, int recentAttempts, double errorRate, Long latencyP50Ms) {
    }

    /** The list envelope. */
    public record ProviderList(String object, List<ProviderStatus> data) {
    }

    private final Breakers breakers;
    private final ProviderTracker tracker;
    private final ServedProviders served;

    public ProviderStatusResource(Breakers breakers, ProviderTracker tracker, ServedProviders served) {
        this.breakers = breakers;
        this.tracker = tracker;
        this.served = served;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ProviderList list() {
        return new ProviderList("list", Providers.KNOWN.stream().map(name -> {
            var recent = tracker.snapshot(name);
            var service = served.status(name);
            return new ProviderStatus(name, Providers.LOCAL.contains(name) ? "local" : "cloud", service.served(),
                    service.instances(), service.reason(),
                    breakers.providerState(name).name().toLowerCase(java.util.Locale.ROOT), recent.attempts(),
                    recent.errorRate(), recent.latencyP50Ms());
        }).toList());
    }
}
