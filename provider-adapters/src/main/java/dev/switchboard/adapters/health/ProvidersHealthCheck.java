package dev.switchboard.adapters.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.service.ProviderHealth;
import dev.switchboard.adapters.service.ProviderStatus;

/**
 * The enabled providers' reachability, at {@code /q/health/group/providers}. It is kept out of readiness on purpose: a
 * provider being down must not take the adapter out of service, since the adapter still has to answer its requests.
 */
@Singleton
@HealthGroup("providers")
public class ProvidersHealthCheck implements AsyncHealthCheck {

    private final ProviderHealth health;

    public ProvidersHealthCheck(ProviderHealth health) {
        this.health = health;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return health.all().map(statuses -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("providers").up();
            for (ProviderStatus status : statuses) {
                response.withData(status.provider(), status.state() + (status.reason() == null ? "" : ": " + status.reason()));
                if (ProviderStatus.DOWN.equals(status.state())) {
                    response.down();
                }
            }
            return response.build();
        });
    }
}
