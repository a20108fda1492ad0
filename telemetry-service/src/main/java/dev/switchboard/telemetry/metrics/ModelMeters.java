package dev.switchboard.telemetry.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one provider, model and operation, each registered the first time an event needs it and kept: a
 * registration builds and sorts the meter's tags and looks the meter up, which cost more than the recording itself.
 */
final class ModelMeters {

    private static final Duration[] DURATION_BUCKETS = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
            10.24, 20.48, 40.96, 81.92);
    /** The gateway's own time is milliseconds, not seconds: finer buckets at the low end. */
    private static final Duration[] OVERHEAD_BUCKETS = seconds(0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064,
            0.128, 0.256, 0.512, 1.024, 2.048, 4.096);
    private static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864 };

    /** A meter of this model: its name and the value of the one tag it adds to the model's ("" when none). */
    private record Slot(String name, String tag) {
    }

    private final MeterRegistry registry;
    private final Tags model;
    private final ConcurrentMap<Slot, Meter> meters = new ConcurrentHashMap<>();

    ModelMeters(MeterRegistry registry, Tags model) {
        this.registry = registry;
        this.model = model;
    }

    Counter requests(String outcome, boolean cacheHit) {
        return meter("switchboard.gen_ai.requests", outcome + (cacheHit ? "/hit" : "/miss"),
                slot -> Counter.builder(slot.name()).description("Usage events stored, by outcome")
                        .tags(model).tag("outcome", outcome).tag("cache_hit", String.valueOf(cacheHit))
                        .register(registry));
    }

    /** {@code errorType} is empty for a success. */
    Timer duration(String errorType) {
        return meter("gen_ai.client.operation.duration", errorType,
                slot -> Timer.builder(slot.name()).description("GenAI operation duration")
                        .tags(model).tag("error.type", errorType).serviceLevelObjectives(DURATION_BUCKETS)
                        .register(registry));
    }

    Timer timeToFirstChunk() {
        return meter("gen_ai.client.operation.time_to_first_chunk", "",
                slot -> Timer.builder(slot.name()).description("Time to receive the first chunk of a streamed answer")
                        .tags(model).serviceLevelObjectives(DURATION_BUCKETS).register(registry));
    }

    Timer phase(String phase) {
        return meter("switchboard.attempt.phase", phase, slot -> Timer.builder(slot.name())
                .description("Where an attempt's time went: router, to_adapter, connect, first_token, last_token, back")
                .tags(model).tag("phase", phase).serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry));
    }

    Timer overhead() {
        return meter("switchboard.gateway.overhead", "", slot -> Timer.builder(slot.name())
                .description("Time the gateway added to an attempt: all but the provider's time to last token")
                .tags(model).serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry));
    }

    Timer serverTimeToFirstToken() {
        return meter("gen_ai.server.time_to_first_token", "", slot -> Timer.builder(slot.name())
                .description("Time from the gateway taking a call to its first token reaching the caller")
                .tags(model).serviceLevelObjectives(DURATION_BUCKETS).register(registry));
    }

    DistributionSummary tokens(String type) {
        return meter("gen_ai.client.token.usage", type,
                slot -> DistributionSummary.builder(slot.name()).description("Number of input and output tokens used")
                        .tags(model).tag("gen_ai.token.type", type).serviceLevelObjectives(TOKEN_BUCKETS)
                        .register(registry));
    }

    Counter cachedInputTokens() {
        return meter("switchboard.gen_ai.cached_input_tokens", "", slot -> Counter.builder(slot.name())
                .description("Input tokens the provider served from its prompt cache").tags(model).register(registry));
    }

    Counter cost() {
        return meter("switchboard.gen_ai.cost", "", slot -> Counter.builder(slot.name()).baseUnit("usd")
                .description("Cost of the priced attempts in USD").tags(model).register(registry));
    }

    Counter unpriced() {
        return meter("switchboard.gen_ai.unpriced.requests", "", slot -> Counter.builder(slot.name())
                .description("Attempts stored without a price").tags(model).register(registry));
    }

    @SuppressWarnings("unchecked")
    private <M extends Meter> M meter(String name, String tag, Function<Slot, M> register) {
        return (M) meters.computeIfAbsent(new Slot(name, tag), register);
    }

    private static Duration[] seconds(double... values) {
        return Arrays.stream(values).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    }
}
