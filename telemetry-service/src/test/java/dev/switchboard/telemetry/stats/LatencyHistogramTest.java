package dev.switchboard.telemetry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The histograms' bucket layout and the percentiles estimated from it. */
class LatencyHistogramTest {

    @Test
    void everyLatencyLandsInABucketWhoseBoundsHoldIt() {
        for (long latency = 0; latency < 2 * LatencyBuckets.OPEN_FROM; latency++) {
            int index = LatencyBuckets.indexOf(latency);
            assertThat(index).isBetween(0, LatencyBuckets.COUNT - 1);
            assertThat(LatencyBuckets.lowerBound(index)).as("lower bound of %d", latency).isLessThanOrEqualTo(latency);
            assertThat(LatencyBuckets.upperBound(index)).as("upper bound of %d", latency).isGreaterThanOrEqualTo(latency);
        }
        assertThat(LatencyBuckets.indexOf(Long.MAX_VALUE)).isEqualTo(LatencyBuckets.COUNT - 1);
        assertThat(LatencyBuckets.indexOf(-5)).isZero();
    }

    @Test
    void bucketsFollowEachOtherWithoutGapsAndAreExactBelow32Ms() {
        assertThat(LatencyBuckets.COUNT).isEqualTo(257);
        assertThat(LatencyBuckets.lowerBound(0)).isZero();
        for (int i = 1; i < LatencyBuckets.COUNT; i++) {
            assertThat(LatencyBuckets.lowerBound(i)).isEqualTo(LatencyBuckets.upperBound(i - 1) + 1);
        }
        for (int latency = 0; latency < 32; latency++) {
            assertThat(LatencyBuckets.estimate(LatencyBuckets.indexOf(latency))).isEqualTo(latency);
        }
        assertThat(LatencyBuckets.lowerBound(LatencyBuckets.COUNT - 1)).isEqualTo(524_288);
    }

    @Test
    void aBucketsEstimateIsWithinTheRelativeErrorOfEveryLatencyItHolds() {
        assertThat(LatencyBuckets.RELATIVE_ERROR).isEqualTo(1.0 / 32);
        double worst = 0;
        for (long latency = 1; latency < LatencyBuckets.OPEN_FROM; latency++) {
            double estimate = LatencyBuckets.estimate(LatencyBuckets.indexOf(latency));
            worst = Math.max(worst, Math.abs(estimate - latency) / latency);
        }
        assertThat(worst).isLessThanOrEqualTo(LatencyBuckets.RELATIVE_ERROR).isGreaterThan(0.03);
    }

    @Test
    void percentilesOfALogNormalSampleAreWithinTheRelativeErrorOfTheExactOnes() {
        Random random = new Random(42);
        long[] latencies = new long[20_001];
        LatencyHistogram histogram = LatencyHistogram.empty();
        for (int i = 0; i < latencies.length; i++) {
            // Centred on about 1.1 s, spread over two orders of magnitude, as a model's answers are.
            latencies[i] = Math.round(Math.exp(7 + 1.2 * random.nextGaussian()));
            histogram = histogram.plus(LatencyHistogram.of(latencies[i]));
        }
        Arrays.sort(latencies);
        assertThat(histogram.total()).isEqualTo(latencies.length);
        for (double fraction : new double[] { 0.01, 0.25, 0.50, 0.90, 0.95, 0.99 }) {
            double exact = percentileCont(latencies, fraction);
            assertThat(histogram.percentile(fraction)).as("p%s", fraction * 100)
                    .isCloseTo(exact, within(exact * LatencyBuckets.RELATIVE_ERROR));
        }
    }

    @Test
    void percentilesInterpolateBetweenRanksAsPercentileContDoes() {
        LatencyHistogram histogram = LatencyHistogram.of(10).plus(LatencyHistogram.of(20));
        assertThat(histogram.percentile(0.50)).isEqualTo(15.0);
        assertThat(histogram.percentile(0.95)).isCloseTo(19.5, within(1e-9));
        assertThat(LatencyHistogram.empty().percentile(0.50)).isNull();
    }

    @Test
    void storedHistogramsStopAtTheLastNonEmptyBucketAndAddUpWhateverTheirLengths() {
        LatencyHistogram shortOne = LatencyHistogram.of(new Long[] { 0L, 2L });
        LatencyHistogram longOne = LatencyHistogram.of(new Long[] { 1L, 0L, 0L, 3L, 0L, 0L });
        assertThat(longOne.stored()).containsExactly(1L, 0L, 0L, 3L);
        assertThat(shortOne.plus(longOne).stored()).containsExactly(1L, 2L, 0L, 3L);
        assertThat(longOne.plus(shortOne).stored()).containsExactly(1L, 2L, 0L, 3L);
        assertThat(LatencyHistogram.of(new Long[0]).plus(shortOne).stored()).containsExactly(0L, 2L);
        assertThat(LatencyHistogram.of(100).stored()).hasSize(LatencyBuckets.indexOf(100) + 1);
    }

    private static double percentileCont(long[] sorted, double fraction) {
        double rank = fraction * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
