package dev.switchboard.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.local.bench.LoadGenerator.Result;

/** How a compared phase is cut into slices, and the median of the paired differences. */
class PairedSlicesTest {

    private static final BenchPhase PLAIN = BenchPhase.router("plain", BenchPhase.Load.perSecond(10));
    private static final BenchPhase STUB = BenchPhase.stub("stub", BenchPhase.Load.perSecond(10));

    @Test
    void onePairPerTwoSecondsAndAlwaysOne() {
        assertThat(PairedSlices.pairs(Duration.ofSeconds(20))).isEqualTo(10);
        assertThat(PairedSlices.pairs(Duration.ofSeconds(5))).isEqualTo(2);
        assertThat(PairedSlices.pairs(Duration.ofSeconds(1))).isEqualTo(1);
    }

    @Test
    void onlyAPhaseComparedWithARouterPhaseTakesTurns() {
        BenchPhase traced = BenchPhase.router("traced", BenchPhase.Load.perSecond(10)).overheadOver("plain");
        BenchPhase overStub = BenchPhase.router("over the stub", BenchPhase.Load.perSecond(10)).overheadOver("stub");
        List<BenchPhase> phases = List.of(PLAIN, traced, overStub, STUB);

        assertThat(PairedSlices.reference(traced, phases)).isEqualTo(PLAIN);
        assertThat(PairedSlices.reference(overStub, phases)).isNull();
        assertThat(PairedSlices.reference(PLAIN, phases)).isNull();
    }

    @Test
    void theMedianOfTheDifferencesAtEachPercentile() {
        List<PairedSlices.Pair> pairs = List.of(pair(2, 3), pair(8, 12), pair(10, 9), pair(4, 6));

        assertThat(PairedSlices.medianDifference(pairs, 0.5)).isEqualTo(1.5);
        assertThat(PairedSlices.medianDifference(pairs.subList(0, 3), 0.5)).isEqualTo(1.0);
        assertThat(PairedSlices.medianDifference(List.of(), 0.5)).isNaN();
    }

    @Test
    void theCpuEachPartAddedPerCallOverAllPairs() {
        Result twoCalls = new Result(new long[] { 1_000_000, 1_000_000 }, 0, 1_000_000_000);
        Result oneCall = new Result(new long[] { 1_000_000 }, 0, 1_000_000_000);
        List<PairedSlices.Pair> pairs = List.of(
                new PairedSlices.Pair(twoCalls, twoCalls, Map.of("router", 2_000_000L), Map.of("router", 3_000_000L)),
                new PairedSlices.Pair(twoCalls, oneCall, Map.of("router", 2_000_000L), Map.of("router", 3_000_000L)));

        // 6 ms over 3 traced calls against 4 ms over 4 plain ones.
        assertThat(PairedSlices.cpuDifference(pairs)).containsExactly(Map.entry("router", 1.0));
        assertThat(PairedSlices.cpuDifference(List.of())).isEmpty();
    }

    private static PairedSlices.Pair pair(long referenceMillis, long measuredMillis) {
        return new PairedSlices.Pair(new Result(new long[] { referenceMillis * 1_000_000 }, 0, 1_000_000_000),
                new Result(new long[] { measuredMillis * 1_000_000 }, 0, 1_000_000_000));
    }
}
