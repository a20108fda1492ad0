package dev.switchboard.local.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import dev.switchboard.local.bench.LoadGenerator.Result;

/**
 * The benchmark's figures as sections of rows, one column per side; with a baseline, the last column is the working
 * tree's figure divided by the baseline's.
 */
public final class BenchReport {

    /**
     * One figure for every side.
     *
     * @param ratio whether the ratio of the sides means something: not for error counts, nor for the stub's floor,
     *        which is measured once for all sides
     */
    public record Row(String label, double[] values, String format, boolean ratio) {
    }

    public record Section(String title, List<Row> rows) {
    }

    private final List<String> sides;
    private final String heading;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private BenchReport(List<String> sides, String heading) {
        this.sides = sides;
        this.heading = heading;
    }

    static BenchReport of(List<String> sides, String heading, List<BenchPhase> phases, BenchPhase cold,
            String warmed, BenchMeasurements measured) {
        BenchReport report = new BenchReport(sides, heading);
        for (BenchPhase phase : phases) {
            report.latencies(phase.name() + (phase.target() == BenchPhase.Target.STUB ? " (the floor)" : ""),
                    side -> measured.merged(phase.name(), side), phase.target() == BenchPhase.Target.STUB);
            if (phase.overheadOver() != null) {
                report.overhead(phase, floorOf(phase, phases), measured);
            }
        }
        report.cold(cold, warmed, measured);
        for (BenchPhase phase : phases) {
            if (phase.cpu()) {
                report.cpu(phase, measured);
            }
            if (phase.memory()) {
                report.memory(phase, measured);
            }
        }
        for (int side = 0; side < sides.size(); side++) {
            if (!measured.notServed(side).isEmpty()) {
                report.notes.add("not served by the " + sides.get(side) + ", so n/a there: "
                        + String.join("; ", measured.notServed(side)));
            }
        }
        if (sides.size() > 1) {
            report.section("the stack standing idle meanwhile", List.of(new Row("CPU, % of one core",
                    values(sides.size(), measured::idleCorePercent), "%.1f", true)));
        }
        return report;
    }

    private void latencies(String title, IntFunction<Result> result, boolean shared) {
        section(title, List.of(
                new Row("requests/s", values(sides.size(), side -> of(result.apply(side), Result::perSecond)), "%,.0f",
                        !shared),
                new Row("p50 ms", values(sides.size(), side -> of(result.apply(side), Result::p50)), "%.2f", !shared),
                new Row("p95 ms", values(sides.size(), side -> of(result.apply(side), Result::p95)), "%.2f", !shared),
                new Row("p99 ms", values(sides.size(), side -> of(result.apply(side), Result::p99)), "%.2f", !shared),
                new Row("errors", values(sides.size(), side -> of(result.apply(side), Result::errors)), "%,.0f",
                        false)));
    }

    /**
     * The stub phase the phase's reference is measured over, for a phase paired with another router phase (whose own
     * overhead is then the yardstick); null for any other phase.
     */
    private static String floorOf(BenchPhase phase, List<BenchPhase> phases) {
        BenchPhase reference = PairedSlices.reference(phase, phases);
        return reference == null ? null : reference.overheadOver();
    }

    private void overhead(BenchPhase phase, String stubPhase, BenchMeasurements measured) {
        // The most pairs any side has: a side that does not serve the phase has none, the others still ran in slices.
        int pairs = IntStream.range(0, sides.size()).map(side -> measured.pairs(phase.name(), side).size()).max()
                .orElse(0);
        List<Row> rows = new ArrayList<>();
        for (double p : new double[] { 0.50, 0.95, 0.99 }) {
            rows.add(new Row("p" + Math.round(p * 100) + " ms", values(sides.size(), side -> {
                if (pairs > 0) {
                    return PairedSlices.medianDifference(measured.pairs(phase.name(), side), p);
                }
                Result router = measured.merged(phase.name(), side);
                Result floor = measured.merged(phase.overheadOver(), side);
                return router == null || floor == null ? Double.NaN : router.percentile(p) - floor.percentile(p);
            }), "%.2f", true));
        }
        String title = "gateway overhead: " + phase.name() + " minus " + phase.overheadOver();
        section(pairs == 0 ? title : title + " (the median of " + pairs + " pairs of slices taken in turn)",
                rows);
        if (pairs > 0 && stubPhase != null) {
            share(phase, stubPhase, measured);
        }
        if (pairs > 0) {
            pairedCpu(phase, measured);
        }
    }

    /**
     * The paired difference as a share of the reference's own overhead over the stub, in its slices: how much a door
     * or a feature adds to what a plain call already costs.
     */
    private void share(BenchPhase phase, String floor, BenchMeasurements measured) {
        List<Row> rows = new ArrayList<>();
        for (double p : new double[] { 0.50, 0.99 }) {
            rows.add(new Row("p" + Math.round(p * 100) + " %", values(sides.size(), side -> {
                List<PairedSlices.Pair> pairs = measured.pairs(phase.name(), side);
                Result stub = measured.merged(floor, side);
                if (pairs.isEmpty() || stub == null) {
                    return Double.NaN;
                }
                double own = Result.merge(pairs.stream().map(PairedSlices.Pair::reference).toList()).percentile(p)
                        - stub.percentile(p);
                return own <= 0 ? Double.NaN : 100 * PairedSlices.medianDifference(pairs, p) / own;
            }), "%.1f", true));
        }
        section(phase.name() + ": added, as a share of " + phase.overheadOver() + "'s own overhead over " + floor
                + " in its slices", rows);
    }

    /** What each part spent per call in the phase's slices beyond what it spent in their partners'. */
    private void pairedCpu(BenchPhase phase, BenchMeasurements measured) {
        Set<String> parts = new LinkedHashSet<>();
        for (int side = 0; side < sides.size(); side++) {
            parts.addAll(PairedSlices.cpuDifference(measured.pairs(phase.name(), side)).keySet());
        }
        if (parts.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        for (String part : parts) {
            rows.add(new Row(part, values(sides.size(), side -> PairedSlices
                    .cpuDifference(measured.pairs(phase.name(), side)).getOrDefault(part, Double.NaN)), "%.3f", true));
        }
        rows.add(new Row("total", values(sides.size(), side -> measured.pairs(phase.name(), side).isEmpty() ? Double.NaN
                : PairedSlices.cpuDifference(measured.pairs(phase.name(), side)).values().stream()
                        .mapToDouble(Double::doubleValue).sum()),
                "%.3f", true));
        section("CPU per request (ms) added: " + phase.name() + " minus its " + phase.overheadOver() + " slices", rows);
    }

    private void cold(BenchPhase cold, String warmed, BenchMeasurements measured) {
        Row rate = new Row("requests/s", values(sides.size(), side -> of(measured.cold(side), Result::perSecond)),
                "%,.0f", true);
        Row share = new Row("% of warmed", values(sides.size(), side -> {
            Result warm = measured.merged(warmed, side);
            return warm == null ? Double.NaN : 100 * of(measured.cold(side), Result::perSecond) / warm.perSecond();
        }), "%.0f", true);
        Row errors = new Row("errors", values(sides.size(), side -> of(measured.cold(side), Result::errors)), "%,.0f",
                false);
        section(cold.name() + " (after up's own warm-up, before the benchmark's; % of warmed: of " + warmed + ")",
                List.of(rate, share, errors));
    }

    private void cpu(BenchPhase phase, BenchMeasurements measured) {
        Set<String> parts = new LinkedHashSet<>();
        for (int side = 0; side < sides.size(); side++) {
            parts.addAll(measured.cpuPerRequest(phase.name(), side).keySet());
        }
        List<Row> rows = new ArrayList<>();
        for (String part : parts) {
            rows.add(new Row(part, values(sides.size(),
                    side -> measured.cpuPerRequest(phase.name(), side).getOrDefault(part, Double.NaN)), "%.3f", true));
        }
        double[] total = values(sides.size(), side -> measured.cpuPerRequest(phase.name(), side).values().stream()
                .mapToDouble(Double::doubleValue).sum());
        rows.add(new Row("total", total, "%.3f", true));
        int cores = Runtime.getRuntime().availableProcessors();
        rows.add(new Row("requests/s all " + cores + " cores would serve", values(sides.size(),
                side -> total[side] > 0 ? cores * 1000 / total[side] : Double.NaN), "%,.0f", true));
        section("CPU per request (ms) during " + phase.name(), rows);
    }

    private void memory(BenchPhase phase, BenchMeasurements measured) {
        Set<String> processes = new LinkedHashSet<>();
        for (int side = 0; side < sides.size(); side++) {
            processes.addAll(measured.residentKb(side).keySet());
        }
        List<Row> rows = new ArrayList<>();
        for (String process : processes) {
            rows.add(new Row(process, values(sides.size(),
                    side -> megabytes(measured.residentKb(side).getOrDefault(process, -1L))), "%,.0f", true));
        }
        section("resident memory (MB, highest reading) during " + phase.name(), rows);
    }

    private void section(String title, List<Row> rows) {
        sections.add(new Section(title, rows));
    }

    public List<Section> sections() {
        return sections;
    }

    /** What the figures leave out, a line each: the phases a side does not serve. */
    public List<String> notes() {
        return notes;
    }

    /** The values of a row, found by the start of its section's title and its label. */
    public Optional<double[]> values(String sectionStart, String label) {
        return sections.stream().filter(section -> section.title().startsWith(sectionStart))
                .flatMap(section -> section.rows().stream()).filter(row -> row.label().equals(label)).findFirst()
                .map(Row::values);
    }

    public void print(PrintStream out) {
        int labelWidth = 44;
        int columnWidth = Math.max(14, sides.stream().mapToInt(String::length).max().orElse(0) + 2);
        boolean ratio = sides.size() == 2;
        out.println();
        out.println(heading);
        out.println();
        StringBuilder header = new StringBuilder(" ".repeat(labelWidth));
        sides.forEach(side -> header.append(pad(side, columnWidth)));
        if (ratio) {
            header.append(pad("ratio", 9));
        }
        out.println(header);
        for (Section section : sections) {
            out.println(section.title());
            for (Row row : section.rows()) {
                StringBuilder line = new StringBuilder("  ").append(String.format("%-" + (labelWidth - 2) + "s", row.label()));
                Arrays.stream(row.values()).forEach(value -> line.append(pad(format(row.format(), value), columnWidth)));
                if (ratio && row.ratio()) {
                    line.append(pad(format("%.2f", row.values()[1] / row.values()[0]), 9));
                }
                out.println(line);
            }
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(out::println);
        }
        if (ratio) {
            out.println();
            out.println("ratio: the working tree's figure divided by the baseline's (above 1: higher in the working tree).");
        }
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static double megabytes(long kb) {
        return kb < 0 ? Double.NaN : kb / 1024.0;
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(1, width - text.length())) + text;
    }

    private static double of(Result result, ToDoubleFunction<Result> figure) {
        return result == null ? Double.NaN : figure.applyAsDouble(result);
    }

    private static double[] values(int sides, IntToDoubleFunction value) {
        double[] values = new double[sides];
        for (int side = 0; side < sides; side++) {
            values[side] = value.applyAsDouble(side);
        }
        return values;
    }
}
