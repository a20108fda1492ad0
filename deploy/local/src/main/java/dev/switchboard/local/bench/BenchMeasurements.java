package dev.switchboard.local.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.local.bench.LoadGenerator.Result;

/** Everything one benchmark run measured, per phase and per side (side 0 is the baseline when there is one). */
final class BenchMeasurements {

    private final int sides;
    private final Map<String, List<List<Result>>> results = new HashMap<>();
    private final Map<String, List<List<PairedSlices.Pair>>> pairs = new HashMap<>();
    private final Map<String, List<Map<String, Long>>> cpuNanos = new HashMap<>();
    private final Map<String, long[]> cpuRequests = new HashMap<>();
    private final List<Map<String, Long>> residentKb = new ArrayList<>();
    private final List<Set<String>> notServed = new ArrayList<>();
    private final Result[] cold;
    private final long[] idleCpuNanos;
    private final long[] idleElapsedNanos;

    BenchMeasurements(int sides) {
        this.sides = sides;
        this.cold = new Result[sides];
        this.idleCpuNanos = new long[sides];
        this.idleElapsedNanos = new long[sides];
        for (int side = 0; side < sides; side++) {
            residentKb.add(new LinkedHashMap<>());
            notServed.add(new LinkedHashSet<>());
        }
    }

    int sides() {
        return sides;
    }

    /** The side does not serve the phase (a front door or feature its tree lacks): it is not run there. */
    void notServed(int side, String phase) {
        notServed.get(side).add(phase);
    }

    boolean serves(int side, String phase) {
        return !notServed.get(side).contains(phase);
    }

    /** The phases the side does not serve, in the order found. */
    Set<String> notServed(int side) {
        return notServed.get(side);
    }

    void result(String phase, int side, Result result) {
        results.computeIfAbsent(phase, name -> lists(sides)).get(side).add(result);
    }

    /** A phase run in slices taking turns with its reference: each pair, and its own slices as its result. */
    void pairs(String phase, int side, List<PairedSlices.Pair> slices) {
        List<PairedSlices.Pair> kept = pairs.computeIfAbsent(phase, name -> lists(sides)).get(side);
        kept.addAll(slices);
        slices.forEach(pair -> result(phase, side, pair.measured()));
    }

    /** The pairs of slices of a phase on that side, every round's; empty when it ran alone. */
    List<PairedSlices.Pair> pairs(String phase, int side) {
        List<List<PairedSlices.Pair>> perSide = pairs.get(phase);
        return perSide == null ? List.of() : perSide.get(side);
    }

    /** A stub phase measures the same floor for every side. */
    void sharedResult(String phase, Result result) {
        for (int side = 0; side < sides; side++) {
            result(phase, side, result);
        }
    }

    /** The phase's runs on that side merged into one; null when it never ran there. */
    Result merged(String phase, int side) {
        List<List<Result>> perSide = results.get(phase);
        return perSide == null || perSide.get(side).isEmpty() ? null : Result.merge(perSide.get(side));
    }

    void cpu(String phase, int side, Map<String, Long> nanosPerPart, int requests) {
        Map<String, Long> sums = cpuNanos.computeIfAbsent(phase, name -> maps()).get(side);
        nanosPerPart.forEach((part, nanos) -> sums.merge(part, nanos, Long::sum));
        cpuRequests.computeIfAbsent(phase, name -> new long[sides])[side] += requests;
    }

    /** CPU milliseconds per successful request of each part during the phase on that side, in the order read. */
    Map<String, Double> cpuPerRequest(String phase, int side) {
        Map<String, Double> perRequest = new LinkedHashMap<>();
        if (!cpuNanos.containsKey(phase)) {
            return perRequest;
        }
        long requests = Math.max(1, cpuRequests.get(phase)[side]);
        cpuNanos.get(phase).get(side).forEach((part, nanos) -> perRequest.put(part, nanos / 1e6 / requests));
        return perRequest;
    }

    /** Keeps the highest reading of each process, as a memory budget is about the peak. */
    void memory(int side, Map<String, Long> kbPerProcess) {
        kbPerProcess.forEach((process, kb) -> residentKb.get(side).merge(process, kb, Math::max));
    }

    Map<String, Long> residentKb(int side) {
        return residentKb.get(side);
    }

    void cold(int side, Result result) {
        cold[side] = result;
    }

    Result cold(int side) {
        return cold[side];
    }

    /** CPU a side's stack used while it stood idle and another side was measured. */
    void idle(int side, long cpuNanos, long elapsedNanos) {
        idleCpuNanos[side] += cpuNanos;
        idleElapsedNanos[side] += elapsedNanos;
    }

    /** The idle side's CPU as a share of one core, in percent; NaN when it never stood idle. */
    double idleCorePercent(int side) {
        return idleElapsedNanos[side] == 0 ? Double.NaN : 100.0 * idleCpuNanos[side] / idleElapsedNanos[side];
    }

    private static <T> List<List<T>> lists(int sides) {
        List<List<T>> lists = new ArrayList<>();
        for (int side = 0; side < sides; side++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private List<Map<String, Long>> maps() {
        List<Map<String, Long>> maps = new ArrayList<>();
        for (int side = 0; side < sides; side++) {
            maps.add(new LinkedHashMap<>());
        }
        return maps;
    }
}
