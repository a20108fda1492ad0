package dev.switchboard.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which router phases a side serves: each phase's call is made before the side's warm-up (up to {@value #PROBES}
 * times), and one never answered 200, or whose set-up fails, is left out on that side. So a baseline older than a front
 * door or a feature is still compared on every phase it has; the plain call everything is measured against must be
 * served.
 */
final class ServedPhases {

    /** Calls made to learn whether a side serves a phase, before it is left out there. */
    static final int PROBES = 3;

    private ServedPhases() {
    }

    /**
     * The router phases among these that the side serves, in their order; each other one goes to {@code notServed} with
     * why.
     *
     * @throws IllegalStateException when the side does not serve the phase named {@code required}
     */
    static List<BenchPhase> probe(List<BenchPhase> phases, String required, String side,
            Function<BenchPhase, LoadGenerator> generator, BiConsumer<BenchPhase, String> notServed) {
        List<BenchPhase> served = new ArrayList<>();
        for (BenchPhase phase : phases) {
            if (phase.target() != BenchPhase.Target.ROUTER) {
                continue;
            }
            String refusal = refusal(() -> generator.apply(phase));
            if (refusal == null) {
                served.add(phase);
            } else if (phase.name().equals(required)) {
                throw new IllegalStateException("the " + side + " does not serve " + required
                        + ", which the benchmark measures everything against: " + refusal);
            } else {
                notServed.accept(phase, refusal);
            }
        }
        return served;
    }

    /** Why the call of the generator made here is not served, or null when it was answered 200. */
    static String refusal(Supplier<LoadGenerator> generator) {
        LoadGenerator load;
        try {
            load = generator.get();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        for (int probe = 0; probe < PROBES; probe++) {
            if (load.fixedRate(1, Duration.ofMillis(1)).ok() > 0) {
                return null;
            }
        }
        return "no call of " + PROBES + " answered 200";
    }
}
