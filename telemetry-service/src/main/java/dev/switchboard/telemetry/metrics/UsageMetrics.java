package dev.switchboard.telemetry.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.Severity;

/**
 * Prometheus metrics of the stored events, named after the OpenTelemetry GenAI semantic conventions where they have a
 * name (operation duration, time to first chunk, token usage, with their recommended buckets) and
 * {@code switchboard.gen_ai.*} where they do not (requests, cost). Only newly stored events are counted, so a
 * redelivery does not count twice.
 */
@ApplicationScoped
public class UsageMetrics {

    static final String PROVIDER = "gen_ai.provider.name";
    static final String MODEL = "gen_ai.request.model";
    /** The conventions' name of what the call was ({@link Operation#genAiName()}): chat, embeddings, ... */
    static final String OPERATION = "gen_ai.operation.name";
    private static final Duration[] DURATION_BUCKETS = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
            10.24, 20.48, 40.96, 81.92);
    /** The gateway's own time is milliseconds, not seconds: finer buckets at the low end. */
    private static final Duration[] OVERHEAD_BUCKETS = seconds(0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064,
            0.128, 0.256, 0.512, 1.024, 2.048, 4.096);
    private static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864 };

    private final MeterRegistry registry;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Map<Severity, AtomicInteger> firing;

    public UsageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicates = Counter.builder("switchboard.telemetry.usage.duplicates")
                .description("Redelivered usage events that were already stored").register(registry);
        this.deadLettered = Counter.builder("switchboard.telemetry.usage.dead_lettered")
                .description("Usage events sent to the dead-letter topic").register(registry);
        this.firing = Map.of(Severity.INFO, new AtomicInteger(), Severity.WARNING, new AtomicInteger(), Severity.HIGH,
                new AtomicInteger(), Severity.CRITICAL, new AtomicInteger());
        firing.forEach((severity, count) -> Gauge.builder("switchboard.telemetry.alerts.firing", count, AtomicInteger::get)
                .description("Alerts firing now").tag("severity", severity.wireName()).register(registry));
    }

    public void stored(UsageEvent event, Pricing pricing) {
        Tags model = Tags.of(PROVIDER, event.provider(), MODEL, event.model(), OPERATION, event.operation().genAiName());
        Counter.builder("switchboard.gen_ai.requests").description("Usage events stored, by outcome")
                .tags(model).tag("outcome", event.outcome().wireName()).tag("cache_hit", String.valueOf(event.cacheHit()))
                .register(registry).increment();
        if (event.cacheHit()) {
            return;
        }
        // A cancelled attempt's duration is when the client left, not how long the provider took, so it is not timed.
        if (event.outcome() != Outcome.CANCELLED) {
            String errorType = event.outcome() == Outcome.SUCCESS ? ""
                    : event.errorClass() != null ? event.errorClass().wireName() : event.outcome().wireName();
            Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                    .tags(model).tag("error.type", errorType).serviceLevelObjectives(DURATION_BUCKETS)
                    .register(registry).record(Duration.ofMillis(event.latencyMs()));
        }
        if (event.timings() != null && event.outcome() != Outcome.CANCELLED) {
            timeSplit(model, event);
        }
        if (event.timeToFirstTokenMs() != null) {
            Timer.builder("gen_ai.client.operation.time_to_first_chunk")
                    .description("Time to receive the first chunk of a streamed answer")
                    .tags(model).serviceLevelObjectives(DURATION_BUCKETS)
                    .register(registry).record(Duration.ofMillis(event.timeToFirstTokenMs()));
        }
        if (event.outcome() == Outcome.SUCCESS) {
            tokens(model, "input", event.inputTokens());
            tokens(model, "output", event.outputTokens());
            Counter.builder("switchboard.gen_ai.cached_input_tokens")
                    .description("Input tokens the provider served from its prompt cache")
                    .tags(model).register(registry).increment(event.cachedInputTokens());
        }
        if (pricing.priced()) {
            cost(event.provider(), event.model(), event.operation(), pricing.costUsd());
        } else {
            Counter.builder("switchboard.gen_ai.unpriced.requests").description("Attempts stored without a price")
                    .tags(model).register(registry).increment();
        }
    }

    public void repriced(String provider, String model, Operation operation, BigDecimal costUsd) {
        cost(provider, model, operation, costUsd);
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void firingAlerts(Map<Severity, Integer> counts) {
        firing.forEach((severity, gauge) -> gauge.set(counts.getOrDefault(severity, 0)));
    }

    /**
     * Where the attempt's time went, phase by phase ({@code switchboard.attempt.phase}), the gateway's own share of it
     * ({@code switchboard.gateway.overhead}: everything but the provider's time to last token), and, for a stream that
     * succeeded, the time to first token as the gateway's caller saw it ({@code gen_ai.server.time_to_first_token}).
     */
    private void timeSplit(Tags model, UsageEvent event) {
        AttemptTimings timings = event.timings();
        phase(model, "router", timings.routerMs());
        phase(model, "to_adapter", timings.toAdapterMs());
        phase(model, "connect", timings.connectMs());
        phase(model, "first_token", timings.firstTokenMs());
        phase(model, "last_token", timings.lastTokenMs());
        phase(model, "back", timings.backMs());
        if (timings.lastTokenMs() != null) {
            long adapterOwn = Math.max(0, event.latencyMs() - timings.lastTokenMs() - orZero(timings.connectMs()));
            long overhead = orZero(timings.routerMs()) + orZero(timings.toAdapterMs()) + orZero(timings.connectMs())
                    + adapterOwn + orZero(timings.backMs());
            Timer.builder("switchboard.gateway.overhead")
                    .description("Time the gateway added to an attempt: all but the provider's time to last token")
                    .tags(model).serviceLevelObjectives(OVERHEAD_BUCKETS)
                    .register(registry).record(Duration.ofMillis(overhead));
        }
        if (event.outcome() == Outcome.SUCCESS && event.timeToFirstTokenMs() != null) {
            long firstToken = orZero(timings.routerMs()) + orZero(timings.toAdapterMs()) + event.timeToFirstTokenMs()
                    + orZero(timings.backMs());
            Timer.builder("gen_ai.server.time_to_first_token")
                    .description("Time from the gateway taking a call to its first token reaching the caller")
                    .tags(model).serviceLevelObjectives(DURATION_BUCKETS)
                    .register(registry).record(Duration.ofMillis(firstToken));
        }
    }

    private void phase(Tags model, String phase, Long millis) {
        if (millis == null) {
            return;
        }
        Timer.builder("switchboard.attempt.phase")
                .description("Where an attempt's time went: router, to_adapter, connect, first_token, last_token, back")
                .tags(model).tag("phase", phase).serviceLevelObjectives(OVERHEAD_BUCKETS)
                .register(registry).record(Duration.ofMillis(millis));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private void tokens(Tags model, String type, long count) {
        DistributionSummary.builder("gen_ai.client.token.usage").description("Number of input and output tokens used")
                .tags(model).tag("gen_ai.token.type", type).serviceLevelObjectives(TOKEN_BUCKETS)
                .register(registry).record(count);
    }

    private void cost(String provider, String model, Operation operation, BigDecimal costUsd) {
        Counter.builder("switchboard.gen_ai.cost").baseUnit("usd").description("Cost of the priced attempts in USD")
                .tags(PROVIDER, provider, MODEL, model, OPERATION, operation.genAiName())
                .register(registry).increment(costUsd.doubleValue());
    }

    private static Duration[] seconds(double... values) {
        return Arrays.stream(values).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    }
}
