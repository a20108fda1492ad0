package dev.switchboard.router.governance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once every managed key has been read: before, a managed key would be refused as unknown. */
@Readiness
public class KeysHealthCheck implements HealthCheck {

    private final KeyBook keys;

    public KeysHealthCheck(KeyBook keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Managed keys").status(keys.isLoaded()).withData("keys", keys.size()).build();
    }
}
