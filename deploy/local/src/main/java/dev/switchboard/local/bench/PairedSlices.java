package dev.switchboard.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.switchboard.local.bench.LoadGenerator.Result;

/**
 * Runs a phase that is compared with another router phase (traced or managed-key calls against plain ones) in short
 * slices taking turns with it, A B B A A B ..., so that a slower stretch of the machine weighs on both alike: run one
 * after the other, a phase of 20 s differed from the next by as much as the cost it was meant to show.
 */
final class PairedSlices {

    /** Long enough for a percentile of its own (1,000 calls at 500/s), short enough for many pairs in a phase. */
    static final Duration SLICE = Duration.ofSeconds(2);

    /**
     * One slice of each, run back to back, with the CPU time each part of the stack (and the load generator) spent
     * during each slice, in nanoseconds.
     */
    record Pair(Result reference, Result measured, Map<String, Long> referenceCpu, Map<String, Long> measuredCpu) {

        Pair(Result reference, Result measured) {
            this(reference, measured, Map.of(), Map.of());
        }

        /** The measured slice's percentile minus the reference slice's, in milliseconds. */
        double difference(double p) {
            return measured.percentile(p) - reference.percentile(p);
        }
    }

    private PairedSlices() {
    }

    /** The router phase a phase is compared with, which it takes turns with; null for any other phase. */
    static BenchPhase reference(BenchPhase phase, List<BenchPhase> phases) {
        return phases.stream().filter(other -> other.name().equals(phase.overheadOver())
                && other.target() == BenchPhase.Target.ROUTER).findFirst().orElse(null);
    }

    /** How many pairs a phase of this length is cut into: one per {@link #SLICE}, at least one. */
    static int pairs(Duration phase) {
        return (int) Math.max(1, phase.toMillis() / SLICE.toMillis());
    }

    /**
     * Runs {@code measured} for the phase's length in all, cut into slices, each paired with a slice of
     * {@code reference} of the same length; the pairs alternate which runs first.
     */
    static List<Pair> run(LoadGenerator reference, BenchPhase.Load referenceLoad, LoadGenerator measured,
            BenchPhase.Load load, Duration phase, Supplier<Map<String, Long>> cpu) {
        int pairs = pairs(phase);
        Duration slice = phase.dividedBy(pairs);
        List<Pair> results = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            Map<String, Long> start = cpu.get();
            boolean referenceFirst = pair % 2 == 0;
            Result first = (referenceFirst ? reference : measured).run(referenceFirst ? referenceLoad : load, slice);
            Map<String, Long> between = cpu.get();
            Result second = (referenceFirst ? measured : reference).run(referenceFirst ? load : referenceLoad, slice);
            Map<String, Long> end = cpu.get();
            Map<String, Long> firstCpu = spent(start, between);
            Map<String, Long> secondCpu = spent(between, end);
            results.add(referenceFirst ? new Pair(first, second, firstCpu, secondCpu)
                    : new Pair(second, first, secondCpu, firstCpu));
        }
        return results;
    }

    /**
     * CPU milliseconds per successful call that each part spent in the measured slices beyond what it spent in their
     * reference slices, over all the pairs together; empty without pairs.
     */
    static Map<String, Double> cpuDifference(List<Pair> pairs) {
        Map<String, Double> difference = new LinkedHashMap<>();
        long referenceCalls = Math.max(1, pairs.stream().mapToLong(pair -> pair.reference().ok()).sum());
        long measuredCalls = Math.max(1, pairs.stream().mapToLong(pair -> pair.measured().ok()).sum());
        for (Pair pair : pairs) {
            pair.measuredCpu().forEach((part, nanos) -> difference.merge(part, nanos / 1e6 / measuredCalls, Double::sum));
            pair.referenceCpu().forEach((part, nanos) -> difference.merge(part, -nanos / 1e6 / referenceCalls,
                    Double::sum));
        }
        return difference;
    }

    private static Map<String, Long> spent(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> spent = new LinkedHashMap<>();
        before.forEach((part, nanos) -> spent.put(part, after.getOrDefault(part, nanos) - nanos));
        return spent;
    }

    /** The median of the pairs' differences at percentile {@code p}; NaN without pairs. */
    static double medianDifference(List<Pair> pairs, double p) {
        double[] differences = pairs.stream().mapToDouble(pair -> pair.difference(p)).filter(Double::isFinite)
                .sorted().toArray();
        if (differences.length == 0) {
            return Double.NaN;
        }
        int middle = differences.length / 2;
        return differences.length % 2 == 1 ? differences[middle] : (differences[middle - 1] + differences[middle]) / 2;
    }
}
