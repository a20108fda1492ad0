package dev.switchboard.telemetry.stats;

import java.util.Arrays;

/** Counts of latencies per {@link LatencyBuckets} bucket, as a rollup row stores them; immutable. */
public final class LatencyHistogram {

    private static final LatencyHistogram EMPTY = new LatencyHistogram(new long[0]);

    /** Element i counts bucket i; stored without the empty buckets after the last one that is not. */
    private final long[] counts;

    private LatencyHistogram(long[] counts) {
        int length = counts.length;
        while (length > 0 && counts[length - 1] == 0) {
            length--;
        }
        this.counts = Arrays.copyOf(counts, length);
    }

    public static LatencyHistogram empty() {
        return EMPTY;
    }

    /** One latency. */
    public static LatencyHistogram of(long latencyMs) {
        long[] counts = new long[LatencyBuckets.indexOf(latencyMs) + 1];
        counts[counts.length - 1] = 1;
        return new LatencyHistogram(counts);
    }

    /** A stored histogram: element i counts bucket i, missing elements count none. */
    public static LatencyHistogram of(Long[] stored) {
        if (stored.length > LatencyBuckets.COUNT) {
            throw new IllegalArgumentException("a latency histogram has at most " + LatencyBuckets.COUNT + " buckets");
        }
        long[] counts = new long[stored.length];
        for (int i = 0; i < stored.length; i++) {
            counts[i] = stored[i] == null ? 0 : stored[i];
        }
        return new LatencyHistogram(counts);
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        if (other.counts.length == 0) {
            return this;
        }
        long[] sum = Arrays.copyOf(counts, Math.max(counts.length, other.counts.length));
        for (int i = 0; i < other.counts.length; i++) {
            sum[i] += other.counts[i];
        }
        return new LatencyHistogram(sum);
    }

    /** The counts as stored: up to the last bucket that is not empty. */
    public Long[] stored() {
        return Arrays.stream(counts).boxed().toArray(Long[]::new);
    }

    /** How many latencies the histogram holds. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The {@code fraction} percentile, interpolated between the two nearest ranks as {@code percentile_cont} does, each
     * rank taken at its bucket's estimate; null when the histogram is empty.
     */
    public Double percentile(double fraction) {
        long total = total();
        if (total == 0) {
            return null;
        }
        double rank = fraction * (total - 1);
        long below = (long) Math.floor(rank);
        double low = atRank(below);
        double high = atRank(Math.min(below + 1, total - 1));
        return low + (rank - below) * (high - low);
    }

    /** The estimate of the latency at a 0-based rank. */
    private double atRank(long rank) {
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen > rank) {
                return LatencyBuckets.estimate(i);
            }
        }
        throw new IllegalArgumentException("rank " + rank + " beyond " + seen + " latencies");
    }
}
