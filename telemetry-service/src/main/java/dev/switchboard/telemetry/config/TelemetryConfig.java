package dev.switchboard.telemetry.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The settings every feature shares, under {@code switchboard.telemetry}; each feature maps its own section beside
 * them ({@code .pricing}, {@code .alerts}, {@code .insights}).
 */
@ConfigMapping(prefix = "switchboard.telemetry")
public interface TelemetryConfig {

    Retention retention();

    /** How long each kind of data is kept. */
    interface Retention {

        /** Raw events; an event older than this is refused to the dead-letter topic, since it could be counted twice. */
        @WithDefault("30d")
        Duration raw();

        /**
         * Raw events (and bodies) of the calls {@code ./switchboard up} warms a new stack with, tagged
         * {@code switchboard-warm-up}: a few hundred thousand per start, of no use once it is warm. Rollups keep
         * counting them.
         */
        @WithDefault("1h")
        Duration warmUp();

        /** The request log's bodies (its metadata is the raw events). */
        @WithDefault("7d")
        Duration requestBodies();

        @WithDefault("7d")
        Duration minuteRollups();

        @WithDefault("400d")
        Duration hourRollups();

        /** Resolved alerts. */
        @WithDefault("90d")
        Duration alerts();

        /** How often old data is deleted; {@code off} disables it. */
        @WithDefault("1h")
        String checkEvery();
    }
}
