package dev.switchboard.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.testing.Event;

/** Each model's meters are registered once and kept: every later event of the model adds to the same series. */
class UsageMetricsTests {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final UsageMetrics metrics = new UsageMetrics(registry);
    private final Pricing quarterCent = new Pricing(new BigDecimal("0.0025"), "catalog", null, null);

    @Test
    void eventsOfOneModelAddUpOnItsSeriesAndEachOtherTagValueGetsItsOwn() {
        metrics.stored(timed(Event.of("p", "m")), quarterCent);
        metrics.stored(timed(Event.of("p", "m")), quarterCent);
        metrics.stored(Event.of("p", "m").failed(ErrorClass.RATE_LIMITED, "slow down").build(), Pricing.unpriced("no_price"));
        metrics.stored(Event.of("p", "other").build(), quarterCent);
        metrics.repriced("p", "m", Operation.CHAT, new BigDecimal("0.005"));

        assertThat(requests("m", "success")).isEqualTo(2);
        assertThat(requests("m", "error")).isEqualTo(1);
        assertThat(requests("other", "success")).isEqualTo(1);
        assertThat(registry.find("switchboard.gen_ai.requests").counters()).hasSize(3);
        assertThat(registry.get("gen_ai.client.operation.duration").tags(UsageMetrics.MODEL, "m", "error.type", "")
                .timer().count()).isEqualTo(2);
        assertThat(registry.get("gen_ai.client.operation.duration").tags(UsageMetrics.MODEL, "m", "error.type",
                ErrorClass.RATE_LIMITED.wireName()).timer().count()).isEqualTo(1);
        assertThat(registry.get("gen_ai.client.token.usage").tags(UsageMetrics.MODEL, "m", "gen_ai.token.type", "output")
                .summary().totalAmount()).isEqualTo(40);
        assertThat(registry.get("switchboard.attempt.phase").tags(UsageMetrics.MODEL, "m", "phase", "back").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8);
        assertThat(registry.get("switchboard.gateway.overhead").tags(UsageMetrics.MODEL, "m").timer().count())
                .isEqualTo(2);
        // Two priced events and a repricing of the model, on one counter.
        assertThat(registry.get("switchboard.gen_ai.cost").tags(UsageMetrics.MODEL, "m").counter().count())
                .isCloseTo(0.01, within(1e-12));
        assertThat(registry.get("switchboard.gen_ai.unpriced.requests").tags(UsageMetrics.MODEL, "m").counter().count())
                .isEqualTo(1);
    }

    private static UsageEvent timed(Event event) {
        return event.build().toBuilder().timings(new AttemptTimings(1L, 2L, 0L, 30L, 90L, 4L)).build();
    }

    private double requests(String model, String outcome) {
        return registry.get("switchboard.gen_ai.requests")
                .tags(UsageMetrics.PROVIDER, "p", UsageMetrics.MODEL, model, "outcome", outcome).counter().count();
    }
}
