package dev.switchboard.router.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.switchboard.router.governance.LeaseExchange;

/**
 * Asks the registry for leases, within a short timeout: a call may be waiting on the answer. A failure is not retried
 * here; the lease that asked refuses calls for a moment and asks again.
 */
@ApplicationScoped
public class LeaseClient {

    private final LeaseApi api;

    public LeaseClient(@RestClient LeaseApi api) {
        this.api = api;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    public Uni<LeaseExchange.Response> lease(LeaseExchange.Request request) {
        return api.lease(request);
    }
}
