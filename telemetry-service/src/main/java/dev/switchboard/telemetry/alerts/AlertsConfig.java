package dev.switchboard.telemetry.alerts;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.switchboard.telemetry.Severity;

/** Alert rules and where alerts are sent, under {@code switchboard.telemetry.alerts}. */
@ConfigMapping(prefix = "switchboard.telemetry.alerts")
public interface AlertsConfig {

    /** How often the rules are evaluated; {@code off} disables it. */
    @WithDefault("30s")
    String evaluateEvery();

    /** Webhooks each alert is posted to when it fires and when it resolves. */
    Optional<List<URI>> webhooks();

    /** Rules by name. */
    Map<String, Rule> rules();

    /** One alert rule. */
    interface Rule {

        @WithDefault("true")
        boolean enabled();

        AlertKind kind();

        /**
         * Percent for {@code error-rate}, milliseconds for {@code latency-p95}, USD for {@code spend}, days for
         * {@code budget-burn}, percent of each budget for {@code key-budget}; unused by {@code provider-down}.
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
}
