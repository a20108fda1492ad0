package dev.switchboard.registry.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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

    /** Syncing model facts and prices from a published catalog. */
    Sync sync();

    /** Telemetry use. */
    interface Telemetry {

        /** The window of statistics asked for; telemetry's rollup read covers at most a day. */
        @WithDefault("24")
        @Min(1)
        @Max(24)
        int hours();

        /** Requests a model needs in the window before its measured figures replace its tiers. */
        @WithDefault("5")
        int minRequests();

        /** How long fetched statistics are reused. */
        @WithDefault("60s")
        Duration cacheTtl();
    }

    /** The catalog sync: where from, how often, and the bounds of what it reads. */
    interface Sync {

        /**
         * The URL of OpenRouter's model list ({@code https://openrouter.ai/api/v1/models}) or of LiteLLM's
         * {@code model_prices_and_context_window.json}; unset, nothing is synced on a schedule.
         */
        Optional<String> source();

        /** How often the scheduled sync runs once a source is set; {@code off} disables it. */
        @WithDefault("24h")
        String every();

        /** How long after start the first scheduled sync waits, so that start-up needs no network. */
        @WithDefault("5m")
        String delay();

        /** The most one fetch may take, reading included. */
        @WithDefault("30s")
        Duration timeout();

        /** The largest document read. */
        @WithDefault("33554432")
        long maxBytes();

        /** The most models a document may list; more is nonsense, and nothing of it is used. */
        @WithDefault("50000")
        int maxModels();
    }
}
