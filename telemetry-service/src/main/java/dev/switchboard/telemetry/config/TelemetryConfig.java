package dev.switchboard.telemetry.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.switchboard.telemetry.AlertKind;
import dev.switchboard.telemetry.Severity;

/** The telemetry service's own settings, under {@code switchboard.telemetry}. */
@ConfigMapping(prefix = "switchboard.telemetry")
public interface TelemetryConfig {

    /** The key {@code POST /telemetry/reset} requires; with none, admin routes are refused. */
    Optional<String> adminKey();

    Retention retention();

    Pricing pricing();

    Alerts alerts();

    Insights insights();

    /** How long each kind of data is kept. */
    interface Retention {

        /** Raw events; an event older than this is refused to the dead-letter topic, since it could be counted twice. */
        @WithDefault("30d")
        Duration raw();

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

    /** Prices from the registry. */
    interface Pricing {

        /** How long a model's price list is trusted before it is fetched again. */
        @WithDefault("10m")
        Duration cacheTtl();

        /** How long "no price" or "registry unreachable" is remembered, so ingestion never waits on a dead registry. */
        @WithDefault("1m")
        Duration missTtl();

        /** How often unpriced events are priced again; {@code off} disables it. */
        @WithDefault("5m")
        String repriceEvery();

        /** How far back unpriced events are priced again. */
        @WithDefault("7d")
        Duration repriceWindow();

        /** How long the registry's model list (quality tiers, for insights) is cached. */
        @WithDefault("10m")
        Duration catalogTtl();
    }

    /** Alert rules and where alerts are sent. */
    interface Alerts {

        /** How often the rules are evaluated; {@code off} disables it. */
        @WithDefault("30s")
        String evaluateEvery();

        /** Webhooks each alert is posted to when it fires and when it resolves. */
        Optional<List<URI>> webhooks();

        /** Rules by name. */
        Map<String, Rule> rules();
    }

    /** One alert rule. */
    interface Rule {

        @WithDefault("true")
        boolean enabled();

        AlertKind kind();

        /**
         * Percent for {@code error-rate}, milliseconds for {@code latency-p95}, USD for {@code spend}, days for
         * {@code budget-burn}; unused by {@code provider-down}.
         */
        OptionalDouble threshold();

        /** The window looked at; for {@code budget-burn}, the window the spending rate is measured over. */
        @WithDefault("5m")
        Duration window();

        /** Fewer attempts than this in the window say nothing (error-rate, latency-p95, provider-down). */
        @WithDefault("10")
        int minRequests();

        @WithDefault("warning")
        Severity severity();

        /** Only this provider's traffic, when set. */
        Optional<String> provider();

        /** The monthly budget in USD, for {@code budget-burn}. */
        Optional<BigDecimal> budgetUsd();
    }

    /** Thresholds of the recommendations at {@code GET /telemetry/insights}. */
    interface Insights {

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
}
