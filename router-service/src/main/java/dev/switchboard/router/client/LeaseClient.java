package dev.switchboard.router.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

import dev.switchboard.router.config.GovernanceConfig;
import dev.switchboard.router.governance.LeaseExchange;

/**
 * Asks the registry for leases, within a short timeout ({@code switchboard.router.governance.lease-timeout}): a call may
 * be waiting on the answer. A failure is not retried here; the lease that asked refuses calls for a moment and asks
 * again.
 * <p>
 * It owns its REST client, built at start-up and closed only when this bean is destroyed, after the shutdown event's
 * observers ran: the replica's leases are given back at shutdown through it. A client made lazily by the first call
 * would belong to the HTTP server's event-loop context and be closed with the server, before leases could be returned.
 */
@Startup
@ApplicationScoped
public class LeaseClient {

    private final LeaseApi api;
    private final Duration timeout;

    @Inject
    public LeaseClient(GovernanceConfig config, @ConfigProperty(name = "quarkus.rest-client.registry.url") URI registry,
            @ConfigProperty(name = "quarkus.rest-client.registry.connect-timeout", defaultValue = "2000") long connectMs) {
        this(QuarkusRestClientBuilder.newBuilder().baseUri(registry).connectTimeout(connectMs, TimeUnit.MILLISECONDS)
                .readTimeout(config.leaseTimeout().toMillis(), TimeUnit.MILLISECONDS).build(LeaseApi.class),
                config.leaseTimeout());
    }

    protected LeaseClient(LeaseApi api, Duration timeout) {
        this.api = api;
        this.timeout = timeout;
    }

    public Uni<LeaseExchange.Response> lease(LeaseExchange.Request request) {
        return api.lease(request).ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
    }

    @PreDestroy
    void close() {
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing at shutdown: nothing is left to do with a client that will not close.
            }
        }
    }
}
