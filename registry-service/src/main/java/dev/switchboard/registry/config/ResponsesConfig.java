package dev.switchboard.registry.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The stored responses of the router's {@code /v1/responses}. */
@ConfigMapping(prefix = "switchboard.registry.responses")
public interface ResponsesConfig {

    /** How long a stored response is kept (and found) after it was stored. */
    @WithDefault("30d")
    Duration retention();
}
