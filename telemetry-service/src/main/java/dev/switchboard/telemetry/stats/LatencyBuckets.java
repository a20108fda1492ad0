package dev.switchboard.telemetry.stats;

/**
 * The fixed bucket layout of the rollups' latency histograms, in whole milliseconds: one bucket per millisecond below
 * 32 ms, then 16 equal buckets per power of two up to 2^19 ms (524,288 ms, about 8.7 minutes), and one last bucket
 * for anything longer. A bucket's midpoint is within {@link #RELATIVE_ERROR} (1/32, about 3.1%) of every value it holds,
 * except in the last bucket, whose estimate is its lower bound. Stored histograms depend on this layout: changing it
 * needs a migration.
 */
public final class LatencyBuckets {

    private static final int SUB_BITS = 4;
    private static final int PER_OCTAVE = 1 << SUB_BITS;
    /** Below two octaves' worth of buckets, each millisecond has a bucket of its own. */
    private static final int EXACT_BELOW = 2 * PER_OCTAVE;
    private static final int TOP_EXPONENT = 19;

    /** The lower bound of the last bucket, which holds every longer latency. */
    public static final long OPEN_FROM = 1L << TOP_EXPONENT;
    /** 32 exact buckets, 16 for each of the octaves 2^5 to 2^18, and the last one: 257. */
    public static final int COUNT = PER_OCTAVE * (TOP_EXPONENT - SUB_BITS + 1) + 1;
    /** A bucket is at most 1/16 of its lower bound wide, so its midpoint is off by at most half that. */
    public static final double RELATIVE_ERROR = 1.0 / (2 * PER_OCTAVE);

    private LatencyBuckets() {
    }

    /** The bucket of a latency; a negative one counts as 0 ms. */
    public static int indexOf(long latencyMs) {
        if (latencyMs < EXACT_BELOW) {
            return (int) Math.max(0, latencyMs);
        }
        if (latencyMs >= OPEN_FROM) {
            return COUNT - 1;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(latencyMs);
        return PER_OCTAVE * (exponent - SUB_BITS + 1) + (int) ((latencyMs >> (exponent - SUB_BITS)) - PER_OCTAVE);
    }

    /** The smallest latency the bucket holds. */
    public static long lowerBound(int index) {
        check(index);
        if (index < EXACT_BELOW) {
            return index;
        }
        if (index == COUNT - 1) {
            return OPEN_FROM;
        }
        int exponent = index / PER_OCTAVE + SUB_BITS - 1;
        return (long) (PER_OCTAVE + index % PER_OCTAVE) << (exponent - SUB_BITS);
    }

    /** The largest latency the bucket holds; {@link Long#MAX_VALUE} for the last one. */
    public static long upperBound(int index) {
        check(index);
        return index == COUNT - 1 ? Long.MAX_VALUE : lowerBound(index + 1) - 1;
    }

    /** What a latency of the bucket is taken to be: its midpoint, or the last bucket's lower bound. */
    public static double estimate(int index) {
        check(index);
        return index == COUNT - 1 ? OPEN_FROM : (lowerBound(index) + upperBound(index)) / 2.0;
    }

    private static void check(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("no latency bucket " + index);
        }
    }
}
