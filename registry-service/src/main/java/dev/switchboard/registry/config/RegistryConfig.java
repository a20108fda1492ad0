package dev.switchboard.registry.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The registry's own settings. */
@ConfigMapping(prefix = "switchboard.registry")
public interface RegistryConfig {

    /** The provider adapters, which answer {@code GET /providers/{provider}/models}. */
    @WithDefault("http://127.0.0.1:8083")
    String adaptersUrl();

    /** Per-provider adapter addresses, for deployments that run one adapter per provider. */
    Map<String, String> adapterUrls();

    /**
     * Whether a model's {@code available} also needs an adapter that serves its provider now (from the announcements on
     * {@code switchboard.adapters}); off, it only says whether the catalog lists the model.
     */
    @WithDefault("true")
    boolean availabilityFollowsAdapters();

    /** Settings of the ranking's use of telemetry. */
    Telemetry telemetry();

    /** Telemetry use. */
    interface Telemetry {

        /** The window of statistics asked for. */
        @WithDefault("24")
        int hours();

        /** Requests a model needs in the window before its measured figures replace its tiers. */
        @WithDefault("5")
        int minRequests();

        /** How long fetched statistics are reused. */
        @WithDefault("60s")
        Duration cacheTtl();
    }
}
