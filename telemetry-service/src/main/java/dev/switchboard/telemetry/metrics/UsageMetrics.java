package dev.switchboard.telemetry.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

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

    /** What one set of meters is kept for. */
    private record ModelKey(String provider, String model, Operation operation) {
    }

    private final MeterRegistry registry;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Map<Severity, AtomicInteger> firing;
    private final ConcurrentMap<ModelKey, ModelMeters> models = new ConcurrentHashMap<>();

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
        ModelMeters meters = meters(event.provider(), event.model(), event.operation());
        meters.requests(event.outcome().wireName(), event.cacheHit()).increment();
        if (event.cacheHit()) {
            return;
        }
        // A cancelled attempt's duration is when the client left, not how long the provider took, so it is not timed.
        if (event.outcome() != Outcome.CANCELLED) {
            String errorType = event.outcome() == Outcome.SUCCESS ? ""
                    : event.errorClass() != null ? event.errorClass().wireName() : event.outcome().wireName();
            meters.duration(errorType).record(Duration.ofMillis(event.latencyMs()));
        }
        if (event.timings() != null && event.outcome() != Outcome.CANCELLED) {
            timeSplit(meters, event);
        }
        if (event.timeToFirstTokenMs() != null) {
            meters.timeToFirstChunk().record(Duration.ofMillis(event.timeToFirstTokenMs()));
        }
        if (event.outcome() == Outcome.SUCCESS) {
            meters.tokens("input").record(event.inputTokens());
            meters.tokens("output").record(event.outputTokens());
            meters.cachedInputTokens().increment(event.cachedInputTokens());
        }
        if (pricing.priced()) {
            meters.cost().increment(pricing.costUsd().doubleValue());
        } else {
            meters.unpriced().increment();
        }
    }

    public void repriced(String provider, String model, Operation operation, BigDecimal costUsd) {
        meters(provider, model, operation).cost().increment(costUsd.doubleValue());
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
    private void timeSplit(ModelMeters meters, UsageEvent event) {
        AttemptTimings timings = event.timings();
        phase(meters, "router", timings.routerMs());
        phase(meters, "to_adapter", timings.toAdapterMs());
        phase(meters, "connect", timings.connectMs());
        phase(meters, "first_token", timings.firstTokenMs());
        phase(meters, "last_token", timings.lastTokenMs());
        phase(meters, "back", timings.backMs());
        if (timings.lastTokenMs() != null) {
            long adapterOwn = Math.max(0, event.latencyMs() - timings.lastTokenMs() - orZero(timings.connectMs()));
            long overhead = orZero(timings.routerMs()) + orZero(timings.toAdapterMs()) + orZero(timings.connectMs())
                    + adapterOwn + orZero(timings.backMs());
            meters.overhead().record(Duration.ofMillis(overhead));
        }
        if (event.outcome() == Outcome.SUCCESS && event.timeToFirstTokenMs() != null) {
            long firstToken = orZero(timings.routerMs()) + orZero(timings.toAdapterMs()) + event.timeToFirstTokenMs()
                    + orZero(timings.backMs());
            meters.serverTimeToFirstToken().record(Duration.ofMillis(firstToken));
        }
    }

    private static void phase(ModelMeters meters, String phase, Long millis) {
        if (millis != null) {
            meters.phase(phase).record(Duration.ofMillis(millis));
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private ModelMeters meters(String provider, String model, Operation operation) {
        return models.computeIfAbsent(new ModelKey(provider, model, operation), key -> new ModelMeters(registry,
                Tags.of(PROVIDER, provider, MODEL, model, OPERATION, operation.genAiName())));
    }
}
