package dev.switchboard.telemetry.insights;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the recommendations at {@code GET /telemetry/insights}, under {@code switchboard.telemetry.insights}. */
@ConfigMapping(prefix = "switchboard.telemetry.insights")
public interface InsightsConfig {

    /** The recent window compared with its baseline. */
    @WithDefault("1h")
    Duration recentWindow();

    /** The baseline window, just before the recent one. */
    @WithDefault("24h")
    Duration baselineWindow();

    /** Attempts each window needs before it is compared. */
    @WithDefault("20")
    int minRequests();

    /** Recent p95 latency at least this many times the baseline's. */
    @WithDefault("2.0")
    double latencyFactor();

    /** Recent error rate at least this many times the baseline's... */
    @WithDefault("2.0")
    double errorRateFactor();

    /** ...and at least this many percentage points above it. */
    @WithDefault("5")
    double errorRateMinPoints();

    /** The smallest saving over the window worth recommending a cheaper model for. */
    @WithDefault("0.01")
    BigDecimal minSavingUsd();

    /** Share of input tokens the provider already served from its prompt cache that suggests response caching. */
    @WithDefault("0.3")
    double cachedInputShare();
}
