package dev.switchboard.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.local.bench.LoadGenerator.Result;

/** The figures the benchmark derives from what it measured, for two sides, and how it prints them. */
class BenchReportTest {

    private static final BenchPhase ROUTER = BenchPhase.router("fixed through the router", BenchPhase.Load.perSecond(10))
            .overheadOver("fixed to the stub").readingMemory();
    private static final BenchPhase STUB = BenchPhase.stub("fixed to the stub", BenchPhase.Load.perSecond(10));
    private static final BenchPhase MAX = BenchPhase.router("max through the router", BenchPhase.Load.callers(4))
            .readingCpu();
    private static final BenchPhase COLD = BenchPhase.router("max right after ready", BenchPhase.Load.callers(4));

    @Test
    void everyFigureForBothSidesWithTheOverheadTheWarmUpShareAndTheRatio() {
        BenchMeasurements measured = new BenchMeasurements(2);
        // Two rounds of the router phase on each side: percentiles are over both rounds' latencies together.
        measured.result(ROUTER.name(), 0, result(1_000, 4, 6));
        measured.result(ROUTER.name(), 0, result(1_000, 5, 5));
        measured.result(ROUTER.name(), 1, result(1_000, 2, 3));
        measured.result(ROUTER.name(), 1, result(1_000, 2, 2));
        measured.sharedResult(STUB.name(), result(1_000, 1, 1));
        measured.result(MAX.name(), 0, result(1_000, 10, 10, 10, 10));
        measured.result(MAX.name(), 1, result(1_000, 5, 5, 5, 5, 5, 5, 5, 5));
        measured.cold(0, result(1_000, 50));
        measured.cold(1, result(1_000, 50, 50, 50, 50));
        measured.cpu(MAX.name(), 0, Map.of("router", 4_000_000L), 4);
        measured.cpu(MAX.name(), 1, Map.of("router", 4_000_000L), 8);
        measured.memory(0, Map.of("router", 200 * 1024L));
        measured.memory(0, Map.of("router", 150 * 1024L));
        measured.memory(1, Map.of("router", 100 * 1024L));
        measured.idle(0, 50_000_000L, 1_000_000_000L);

        BenchReport report = BenchReport.of(List.of("baseline", "working tree"), "heading", List.of(ROUTER, STUB, MAX),
                COLD, MAX.name(), measured);

        assertThat(report.values(ROUTER.name(), "p50 ms")).hasValue(new double[] { 5, 2 });
        assertThat(report.values(ROUTER.name(), "requests/s")).hasValue(new double[] { 2, 2 });
        assertThat(report.values("gateway overhead: " + ROUTER.name(), "p50 ms")).hasValue(new double[] { 4, 1 });
        assertThat(report.values("gateway overhead", "p99 ms")).hasValue(new double[] { 5, 2 });
        assertThat(report.values(STUB.name(), "p50 ms")).hasValue(new double[] { 1, 1 });
        assertThat(report.values(COLD.name(), "requests/s")).hasValue(new double[] { 1, 4 });
        assertThat(report.values(COLD.name(), "% of warmed")).hasValue(new double[] { 25, 50 });
        assertThat(report.values("CPU per request", "router")).hasValue(new double[] { 1.0, 0.5 });
        assertThat(report.values("CPU per request", "total")).hasValue(new double[] { 1.0, 0.5 });
        assertThat(report.values("resident memory", "router")).hasValue(new double[] { 200, 100 });
        assertThat(report.values("the stack standing idle", "CPU, % of one core").orElseThrow()[0]).isEqualTo(5.0);
        assertThat(report.values("the stack standing idle", "CPU, % of one core").orElseThrow()[1]).isNaN();

        String printed = print(report);
        assertThat(printed).contains("baseline", "working tree", "ratio");
        assertThat(printed.lines()).anySatisfy(line -> assertThat(line).matches("  p50 ms +5\\.00 +2\\.00 +0\\.40"));
        // The stub's floor is the same measurement for both sides, and error counts have no meaningful ratio.
        assertThat(printed.lines()).anySatisfy(line -> assertThat(line).matches("  p50 ms +1\\.00 +1\\.00"));
        assertThat(printed.lines().filter(line -> line.startsWith("  errors"))).allMatch(line -> line.matches(
                "  errors +0 +0"));
    }

    @Test
    void aPhaseComparedWithAnotherRouterPhaseReportsTheMedianOfItsPairedSlices() {
        BenchPhase traced = BenchPhase.router("traced", BenchPhase.Load.perSecond(10)).overheadOver(ROUTER.name());
        BenchMeasurements measured = new BenchMeasurements(1);
        // Run one after the other, the traced slices merged (p50 9) minus the plain phase (p50 2) would say 7 ms; the
        // pairs, each measured in the same seconds, differ by 1, 1 and 5: a slow stretch hit one pair, not the cost.
        measured.result(ROUTER.name(), 0, result(1_000, 2, 2, 2));
        measured.pairs(traced.name(), 0, List.of(
                new PairedSlices.Pair(result(1_000, 2), result(1_000, 3)),
                new PairedSlices.Pair(result(1_000, 8), result(1_000, 9)),
                new PairedSlices.Pair(result(1_000, 10), result(1_000, 15))));
        measured.sharedResult(STUB.name(), result(1_000, 1));

        BenchReport report = BenchReport.of(List.of("working tree"), "heading", List.of(ROUTER, traced, STUB), COLD,
                MAX.name(), measured);

        assertThat(report.values("gateway overhead: traced minus " + ROUTER.name(), "p50 ms"))
                .hasValue(new double[] { 1 });
        assertThat(report.sections()).anyMatch(section -> section.title()
                .equals("gateway overhead: traced minus " + ROUTER.name()
                        + " (the median of 3 pairs of slices taken in turn)"));
        // The plain slices' own p50 (8 over their merged 2, 8, 10) is 7 ms over the stub's 1: the median 1 is a seventh.
        assertThat(report.values("traced: added, as a share of " + ROUTER.name(), "p50 %").orElseThrow()[0])
                .isCloseTo(100.0 / 7, offset(1e-9));
        assertThat(report.values(traced.name(), "p50 ms")).hasValue(new double[] { 9 });
        assertThat(report.values(traced.name(), "requests/s")).hasValue(new double[] { 1 });
    }

    @Test
    void aPhaseTheBaselineDoesNotServeIsNotApplicableThereAndNamedBelowTheTable() {
        BenchPhase responses = BenchPhase.router("responses", BenchPhase.Load.perSecond(10));
        BenchMeasurements measured = new BenchMeasurements(2);
        measured.result(ROUTER.name(), 0, result(1_000, 4));
        measured.result(ROUTER.name(), 1, result(1_000, 2));
        measured.notServed(0, responses.name());
        measured.result(responses.name(), 1, result(1_000, 3));

        BenchReport report = BenchReport.of(List.of("baseline", "working tree"), "heading",
                List.of(ROUTER, responses), COLD, MAX.name(), measured);

        assertThat(measured.serves(0, responses.name())).isFalse();
        assertThat(measured.serves(1, responses.name())).isTrue();
        assertThat(report.values(responses.name(), "p50 ms").orElseThrow()[0]).isNaN();
        assertThat(report.notes()).containsExactly("not served by the baseline, so n/a there: responses");
        String printed = print(report);
        assertThat(printed.lines()).anySatisfy(line -> assertThat(line).matches("  p50 ms +n/a +3\\.00 +n/a"));
        assertThat(printed).contains("not served by the baseline, so n/a there: responses");
    }

    @Test
    void aPairedPhaseTheBaselineDoesNotServeStillReportsTheWorkingTreesPairs() {
        BenchPhase responses = BenchPhase.router("responses", BenchPhase.Load.perSecond(10)).overheadOver(ROUTER.name());
        BenchMeasurements measured = new BenchMeasurements(2);
        measured.result(ROUTER.name(), 0, result(1_000, 4));
        measured.result(ROUTER.name(), 1, result(1_000, 2));
        measured.sharedResult(STUB.name(), result(1_000, 1));
        measured.notServed(0, responses.name());
        measured.pairs(responses.name(), 1, List.of(
                new PairedSlices.Pair(result(1_000, 2), result(1_000, 3), Map.of("router", 2_000_000L),
                        Map.of("router", 3_000_000L)),
                new PairedSlices.Pair(result(1_000, 3), result(1_000, 4), Map.of("router", 2_000_000L),
                        Map.of("router", 3_000_000L))));

        BenchReport report = BenchReport.of(List.of("baseline", "working tree"), "heading",
                List.of(ROUTER, responses, STUB), COLD, MAX.name(), measured);

        double[] added = report.values("gateway overhead: responses minus " + ROUTER.name(), "p50 ms").orElseThrow();
        assertThat(added[0]).isNaN();
        assertThat(added[1]).isEqualTo(1);
        assertThat(report.sections()).anyMatch(section -> section.title().equals("gateway overhead: responses minus "
                + ROUTER.name() + " (the median of 2 pairs of slices taken in turn)"));
        assertThat(report.values("responses: added, as a share", "p50 %").orElseThrow()[0]).isNaN();
        double[] cpu = report.values("CPU per request (ms) added: responses", "total").orElseThrow();
        assertThat(cpu[0]).isNaN();
        assertThat(cpu[1]).isEqualTo(1.0);
    }

    @Test
    void oneSideHasNoRatioColumn() {
        BenchMeasurements measured = new BenchMeasurements(1);
        measured.result(ROUTER.name(), 0, result(1_000, 3));
        measured.sharedResult(STUB.name(), result(1_000, 1));

        String printed = print(BenchReport.of(List.of("working tree"), "heading", List.of(ROUTER, STUB), COLD,
                MAX.name(), measured));

        assertThat(printed).doesNotContain("ratio").doesNotContain("standing idle");
        assertThat(printed.lines()).anySatisfy(line -> assertThat(line).matches("  p50 ms +3\\.00"));
        assertThat(printed).contains("n/a");
    }

    private static Result result(long elapsedMillis, long... latenciesMillis) {
        long[] nanos = Arrays.stream(latenciesMillis).map(ms -> ms * 1_000_000).sorted().toArray();
        return new Result(nanos, 0, elapsedMillis * 1_000_000);
    }

    private static String print(BenchReport report) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }
}
