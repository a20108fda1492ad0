package dev.switchboard.local.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long and how often the benchmark measures, and against what.
 *
 * @param phase the length of each measured phase
 * @param warmUp the load that warms each side's JIT up before anything is measured
 * @param cold the maximum-throughput load right after a side reports ready, measured before the benchmark's warm-up
 *        (after the one {@code up} runs before it says ready)
 * @param rounds how often every phase is run on each side, the sides taking turns (A, B, B, A: see {@link #turns})
 * @param baseline the git ref to compare the working tree with, or null for the working tree alone
 * @param launcherOptions JVM options of each side's launcher, which holds its Kafka broker
 * @param baselineJavaOptions the baseline's services' JVM options in place of {@code SWITCHBOARD_JAVA_OPTS} or the
 *        defaults, so that two sets of options can be compared on the same code; null to run both sides alike
 * @param baselineLauncherOptions the baseline's launcher's JVM options in place of {@code launcherOptions}, so that two
 *        brokers' settings can be compared; null to run both launchers alike
 */
public record BenchSettings(Duration phase, Duration warmUp, Duration cold, int rounds, String baseline,
        List<String> launcherOptions, String baselineJavaOptions, String baselineLauncherOptions) {

    static final String USAGE = "usage: ./switchboard bench [--baseline <git-ref>]";

    /** Reads {@code bench}'s arguments, the SWITCHBOARD_BENCH_* variables and the launchers' and baseline's options. */
    public static BenchSettings parse(List<String> args, Map<String, String> env) {
        String baseline = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--baseline") && i + 1 < args.size() && !args.get(i + 1).isBlank()) {
                baseline = args.get(++i);
            } else if (arg.startsWith("--baseline=") && arg.length() > "--baseline=".length()) {
                baseline = arg.substring("--baseline=".length());
            } else {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
        }
        String baselineJavaOptions = baselineOnly(env, "SWITCHBOARD_BASELINE_JAVA_OPTS", baseline);
        String baselineLauncherOptions = baselineOnly(env, "SWITCHBOARD_BASELINE_LAUNCHER_OPTS", baseline);
        // Until the JIT compilers have worked through the hot paths of five JVMs on two cores, they take a large share
        // of the CPU: measured, still about 40 % of the machine 60 s into the load, done after about 150 s.
        return new BenchSettings(
                seconds(env, "SWITCHBOARD_BENCH_SECONDS", 20, 1),
                seconds(env, "SWITCHBOARD_BENCH_WARMUP_SECONDS", 180, 0),
                seconds(env, "SWITCHBOARD_BENCH_COLD_SECONDS", 30, 1),
                (int) number(env, "SWITCHBOARD_BENCH_ROUNDS", baseline == null ? 1 : 2, 1),
                baseline,
                options(env.get("SWITCHBOARD_LAUNCHER_OPTS")),
                baselineJavaOptions,
                baselineLauncherOptions);
    }

    /** A variable that only a run with a baseline reads: its trimmed value, or null when unset or blank. */
    private static String baselineOnly(Map<String, String> env, String name, String baseline) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (baseline == null) {
            throw new IllegalArgumentException(name + " needs a baseline to run with\n" + USAGE);
        }
        return value.trim();
    }

    public boolean comparing() {
        return baseline != null;
    }

    /**
     * The order in which the sides run a phase's round: each round starts with the side the one before ended with (A,
     * B; B, A), so that over two rounds no side is always the one measured right after the other's load. Round 0, the
     * first phase's unmeasured lead-in, ends with the side round 1 starts with.
     */
    List<Integer> turns(int round, int sides) {
        List<Integer> order = new ArrayList<>();
        for (int turn = 0; turn < sides; turn++) {
            order.add(round % 2 == 1 ? turn : sides - 1 - turn);
        }
        return order;
    }

    /** How progress names a phase's round, with the phase's length: "round 1 of 2 (20 s)". */
    String round(int round) {
        return "round " + round + " of " + rounds + " (" + phase.toSeconds() + " s)";
    }

    /** The baseline's side: its tree, what the report calls it, and its services' and launcher's own options, if any. */
    public Bench.Side baselineSide(String label, Path tree) {
        return new Bench.Side(label, tree, baselineEnvironment(), baselineLaunchers());
    }

    /** The working tree's side, on this run's options. */
    public Bench.Side workingTreeSide(Path tree) {
        return new Bench.Side("working tree", tree, Map.of(), launcherOptions);
    }

    /** What the baseline's stack gets on top of the working tree's environment: its services' own JVM options, if any. */
    Map<String, String> baselineEnvironment() {
        return baselineJavaOptions == null ? Map.of() : Map.of("SWITCHBOARD_JAVA_OPTS", baselineJavaOptions);
    }

    /** The JVM options of the baseline's launcher: its own, if given, else the working tree's. */
    List<String> baselineLaunchers() {
        return baselineLauncherOptions == null ? launcherOptions : options(baselineLauncherOptions);
    }

    /** What the report's heading adds when the baseline ran with options of its own: which, or nothing. */
    String baselineOptionsNote() {
        return (baselineJavaOptions == null ? ""
                : "; the baseline's services ran with SWITCHBOARD_JAVA_OPTS=" + baselineJavaOptions)
                + (baselineLauncherOptions == null ? ""
                        : "; the baseline's launcher ran with SWITCHBOARD_LAUNCHER_OPTS=" + baselineLauncherOptions);
    }

    /** About how long the phases of a run take, in minutes, besides starting and stopping the stacks. */
    long plannedMinutes(int sides, List<BenchPhase> phases) {
        long runs = 0;
        for (BenchPhase each : phases) {
            // A phase compared with another router phase runs as long again in slices of that one.
            runs += each.target() == BenchPhase.Target.STUB ? 1
                    : PairedSlices.reference(each, phases) == null ? sides : 2L * sides;
        }
        // And the first phase's lead-in on each side.
        long seconds = sides * (cold.toSeconds() + warmUp.toSeconds()) + (runs * rounds + sides) * phase.toSeconds();
        return Math.round(seconds / 60.0);
    }

    private static Duration seconds(Map<String, String> env, String name, long fallback, long least) {
        return Duration.ofSeconds(number(env, name, fallback, least));
    }

    private static long number(Map<String, String> env, String name, long fallback, long least) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number < least) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of at least " + least + ", not '" + value + "'");
        }
    }

    private static List<String> options(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }
}
