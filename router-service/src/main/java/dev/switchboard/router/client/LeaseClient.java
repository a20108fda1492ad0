package dev.switchboard.router.client;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.switchboard.router.config.GovernanceConfig;
import dev.switchboard.router.governance.LeaseExchange;

/**
 * Asks the registry for leases, within a short timeout ({@code switchboard.router.governance.lease-timeout}): a call may
 * be waiting on the answer. A failure is not retried here; the lease that asked refuses calls for a moment and asks
 * again.
 */
@ApplicationScoped
public class LeaseClient {

    private final LeaseApi api;
    private final Duration timeout;

    public LeaseClient(@RestClient LeaseApi api, GovernanceConfig config) {
        this.api = api;
        this.timeout = config.leaseTimeout();
    }

    public Uni<LeaseExchange.Response> lease(LeaseExchange.Request request) {
        return api.lease(request).ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
    }
}
