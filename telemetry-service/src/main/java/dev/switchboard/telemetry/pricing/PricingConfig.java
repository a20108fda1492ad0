package dev.switchboard.telemetry.pricing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Prices from the registry, under {@code switchboard.telemetry.pricing}. */
@ConfigMapping(prefix = "switchboard.telemetry.pricing")
public interface PricingConfig {

    /** How long a model's price list is trusted before it is fetched again. */
    @WithDefault("10m")
    Duration cacheTtl();

    /** How long "no price" or "registry unreachable" is remembered, so ingestion never waits on a dead registry. */
    @WithDefault("1m")
    Duration missTtl();

    /** How often unpriced events are priced again; {@code off} disables it. */
    @WithDefault("5m")
    String repriceEvery();

    /** How often the registry is asked for price corrections, whose periods are then priced again; {@code off} disables it. */
    @WithDefault("1m")
    String correctionsEvery();

    /** How far back unpriced events are priced again. */
    @WithDefault("7d")
    Duration repriceWindow();

    /** How long the registry's model list (quality tiers, for insights) is cached. */
    @WithDefault("10m")
    Duration catalogTtl();
}
