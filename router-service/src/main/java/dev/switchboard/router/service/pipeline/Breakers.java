package dev.switchboard.router.service.pipeline;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.config.RouterConfig;

/**
 * A SmallRye Fault Tolerance circuit breaker per provider and per model. Only the provider's own faults count against
 * it (the retryable classes and timeouts); a bad request or a refused prompt says nothing about the provider's health.
 * As a {@link CandidateFilter}, it passes over a candidate while either of its breakers is open. Each breaker's state is
 * a gauge, {@code switchboard_circuit_breaker_state}: 1 for its current {@code state}, 0 for the others.
 */
@Singleton
public class Breakers implements CandidateFilter {

    static final Skip CIRCUIT_OPEN = Skip.because("circuit open");

    private static final TypeLiteral<Uni<CompletionReply>> REPLY = new TypeLiteral<>() {
    };

    private final RouterConfig.Breaker settings;
    private final MeterRegistry registry;
    private final Map<String, TypedGuard<Uni<CompletionReply>>> guards = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreakerState> states = new ConcurrentHashMap<>();

    public Breakers(RouterConfig config, MeterRegistry registry) {
        this.settings = config.circuitBreaker();
        this.registry = registry;
    }

    /** Runs the attempt through the provider's and the model's breakers. */
    public Uni<CompletionReply> guard(Candidate candidate, Supplier<Uni<CompletionReply>> attempt) {
        TypedGuard<Uni<CompletionReply>> provider = guard(providerKey(candidate.provider()));
        TypedGuard<Uni<CompletionReply>> model = guard(modelKey(candidate.qualified()));
        return provider.get(() -> model.get(attempt));
    }

    @Override
    public Skip skip(Call call, Candidate candidate) {
        return isOpen(candidate) ? CIRCUIT_OPEN : null;
    }

    /** Whether either breaker on the way to this model is open, so the candidate should be skipped. */
    public boolean isOpen(Candidate candidate) {
        return state(providerKey(candidate.provider())) == CircuitBreakerState.OPEN
                || state(modelKey(candidate.qualified())) == CircuitBreakerState.OPEN;
    }

    public CircuitBreakerState providerState(String provider) {
        return state(providerKey(provider));
    }

    private CircuitBreakerState state(String key) {
        return states.getOrDefault(key, CircuitBreakerState.CLOSED);
    }

    private TypedGuard<Uni<CompletionReply>> guard(String key) {
        return guards.computeIfAbsent(key, this::newGuard);
    }

    private TypedGuard<Uni<CompletionReply>> newGuard(String name) {
        for (CircuitBreakerState state : CircuitBreakerState.values()) {
            Gauge.builder("switchboard.circuit.breaker.state", () -> state(name) == state ? 1 : 0)
                    .description("1 for the circuit breaker's current state, 0 for the others")
                    .tag("breaker", name)
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        // The attempt is non-blocking already, so it stays on the calling thread: no offload, no extra hop.
        return TypedGuard.create(REPLY)
                .withDescription(name)
                .withThreadOffload(false)
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.requestVolume())
                .failureRatio(settings.failureRatio())
                .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(settings.successThreshold())
                .when(Breakers::isProviderFault)
                .onStateChange(state -> states.put(name, state))
                .done()
                .build();
    }

    static boolean isProviderFault(Throwable failure) {
        return failure instanceof ProviderFailure provider && provider.error().errorClass().retryable();
    }

    private static String providerKey(String provider) {
        return "provider:" + provider;
    }

    private static String modelKey(String model) {
        return "model:" + model;
    }
}
