package dev.switchboard.adapters.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the built-in {@code mock} provider. */
@ConfigMapping(prefix = "switchboard.providers.mock")
public interface MockProviderConfig {

    /** Added before every answer, to stand in for a real provider's latency. */
    @WithDefault("0s")
    Duration latency();
}
