package dev.switchboard.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.local.bench.LoadGenerator.Result;

/**
 * Runs a phase that is compared with another router phase (traced or managed-key calls against plain ones) in short
 * slices taking turns with it, A B B A A B ..., so that a slower stretch of the machine weighs on both alike: run one
 * after the other, a phase of 20 s differed from the next by as much as the cost it was meant to show.
 */
final class PairedSlices {

    /** Long enough for a percentile of its own (1,000 calls at 500/s), short enough for many pairs in a phase. */
    static final Duration SLICE = Duration.ofSeconds(2);

    /** One slice of each, run back to back. */
    record Pair(Result reference, Result measured) {

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
            BenchPhase.Load load, Duration phase) {
        int pairs = pairs(phase);
        Duration slice = phase.dividedBy(pairs);
        List<Pair> results = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            if (pair % 2 == 0) {
                Result first = reference.run(referenceLoad, slice);
                results.add(new Pair(first, measured.run(load, slice)));
            } else {
                Result first = measured.run(load, slice);
                results.add(new Pair(reference.run(referenceLoad, slice), first));
            }
        }
        return results;
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
