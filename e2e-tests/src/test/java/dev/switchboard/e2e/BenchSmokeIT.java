package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.local.bench.Bench;
import dev.switchboard.local.bench.BenchReport;
import dev.switchboard.local.bench.BenchSettings;

/**
 * {@code ./switchboard bench --baseline} in miniature, so that it keeps working: the working tree against itself (the
 * baseline's build is tested on its own), every phase a couple of seconds, both stacks started by the tree's launcher
 * as {@code ./switchboard up} starts it.
 */
class BenchSmokeIT {

    private static final String ROUTER_FIXED = "fixed 500/s through the router";
    private static final String ROUTER_MAX = "max throughput through the router";
    private static final int WARM_UP_SECONDS = 2;
    private static final String TRACED = "fixed 500/s, traced";
    private static final String MANAGED_KEY = "fixed 500/s, managed key";
    private static final String RESPONSES = "fixed 500/s, Responses";
    private static final String MESSAGES = "fixed 500/s, Messages";
    private static final List<String> SERVICES = List.of("router", "registry", "telemetry", "adapters");
    private static final String BASELINE_JAVA_OPTIONS = "-Xms32m -Xmx224m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+PrintCommandLineFlags";

    @TempDir
    Path work;

    @Test
    void bothSidesTakeTurnsAndEveryFigureIsReportedForEachWithTheirRatio() throws Exception {
        Path repository = E2eStack.repository();
        // The baseline's services and launcher run with options of their own, as when two sets of JVM options are
        // compared.
        BenchSettings settings = BenchSettings.parse(List.of("--baseline", "HEAD"), Map.of(
                "SWITCHBOARD_BENCH_SECONDS", "2",
                "SWITCHBOARD_BENCH_WARMUP_SECONDS", Integer.toString(WARM_UP_SECONDS),
                "SWITCHBOARD_BENCH_COLD_SECONDS", "2",
                "SWITCHBOARD_BASELINE_JAVA_OPTS", BASELINE_JAVA_OPTIONS,
                "SWITCHBOARD_LAUNCHER_OPTS", "-Xmx1g -XX:+PrintCommandLineFlags",
                "SWITCHBOARD_BASELINE_LAUNCHER_OPTS", "-Xmx768m -XX:+PrintCommandLineFlags"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SWITCHBOARD_JAVA_OPTS",
                "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+PrintCommandLineFlags");
        env.putAll(E2eStack.PLAIN_JVM);
        env.put("SWITCHBOARD_WARMUP_SECONDS", "3");
        List<String> progress = new CopyOnWriteArrayList<>();

        BenchReport report = new Bench(settings, env, line -> {
            System.out.println("[bench] " + line);
            progress.add(line);
        }).measure(
                List.of(settings.baselineSide("baseline", repository), settings.workingTreeSide(repository)),
                work);

        // The JVM prints its heap limit as it starts (-XX:+PrintCommandLineFlags): 224 MB on the baseline's side, 256
        // on the working tree's.
        assertThat(Files.readString(work.resolve("side-1/logs/router.log"))).contains("-XX:MaxHeapSize=234881024");
        assertThat(Files.readString(work.resolve("side-2/logs/router.log"))).contains("-XX:MaxHeapSize=268435456");
        // And each side's launcher, which holds its broker, its own: 768 MB and 1 GB.
        assertThat(Files.readString(work.resolve("side-1/launcher.log"))).contains("-XX:MaxHeapSize=805306368");
        assertThat(Files.readString(work.resolve("side-2/launcher.log"))).contains("-XX:MaxHeapSize=1073741824");

        assertThat(progress.stream().filter(line -> line.startsWith(ROUTER_FIXED + ":")))
                .containsExactly(
                        ROUTER_FIXED + ": working tree, a lead-in, not measured",
                        ROUTER_FIXED + ": baseline, a lead-in, not measured",
                        ROUTER_FIXED + ": baseline, round 1 of 2 (2 s)",
                        ROUTER_FIXED + ": working tree, round 1 of 2 (2 s)",
                        ROUTER_FIXED + ": working tree, round 2 of 2 (2 s)",
                        ROUTER_FIXED + ": baseline, round 2 of 2 (2 s)");
        // Each side's run of a phase is followed by its own figures, so that a round unlike the others shows.
        assertThat(progress.get(progress.indexOf(ROUTER_FIXED + ": working tree, round 2 of 2 (2 s)") + 1))
                .matches("  [0-9,]+ requests/s, p50 [0-9]+\\.[0-9]{2} ms, p99 [0-9]+\\.[0-9]{2} ms, errors 0");
        // Before the first phase the benchmark waited for both stacks to stand quiet, as long as the warm-up at most.
        assertThat(progress).anyMatch(line -> line.matches("the stacks (stood quiet after|did not stand quiet within) 2 s: "
                + "baseline [0-9]+\\.[0-9]{2} of a core, working tree [0-9]+\\.[0-9]{2} of a core"));
        assertThat(progress.indexOf(progress.stream().filter(line -> line.startsWith("the stacks ")).findFirst()
                .orElseThrow())).isLessThan(progress.indexOf(ROUTER_FIXED + ": working tree, a lead-in, not measured"));
        for (String phase : List.of(ROUTER_FIXED, TRACED, MANAGED_KEY, RESPONSES, MESSAGES,
                "fixed 500/s straight to the stub", ROUTER_MAX, "max throughput straight to the stub",
                "max throughput right after ready")) {
            assertThat(values(report, phase, "errors")).as(phase).containsExactly(0.0, 0.0);
            assertThat(values(report, phase, "requests/s")).as(phase).allMatch(rate -> rate > 0);
            if (!phase.endsWith("after ready")) {
                assertThat(values(report, phase, "p99 ms")).as(phase).allMatch(p99 -> p99 > 0);
            }
        }
        assertThat(values(report, "gateway overhead: " + ROUTER_FIXED, "p50 ms")).allMatch(Double::isFinite);
        for (String phase : List.of(TRACED, MANAGED_KEY)) {
            assertThat(values(report, "gateway overhead: " + phase + " minus " + ROUTER_FIXED, "p99 ms")).as(phase)
                    .allMatch(Double::isFinite);
        }
        // The Responses and Messages front doors, each to the provider that speaks it natively, paired with chat calls:
        // what each adds to chat, and that as a share of chat's own overhead.
        for (String door : List.of(RESPONSES, MESSAGES)) {
            assertThat(values(report, "gateway overhead: " + door + " minus " + ROUTER_FIXED, "p50 ms")).as(door)
                    .allMatch(Double::isFinite);
            assertThat(values(report, door + ": added, as a share of " + ROUTER_FIXED, "p50 %")).as(door)
                    .allMatch(Double::isFinite);
        }
        // The traced phase's calls were recorded and exported; the others', which carry no sampled traceparent, not.
        // The traced phase runs 4 times (2 rounds, 2 sides) for 2 s at 500/s: about 4,000 client calls traced. Each side's
        // 2 s warm-up calls the traced path too, as fast as 64 callers go for part of it: at most 2 s at that side's
        // maximum throughput (a fast machine's warm-up traced several hundred). Every untraced chat call traced as well
        // would add the plain, managed-key and maximum-throughput phases', tens of thousands.
        String spans = progress.stream().filter(line -> line.startsWith("the OTLP sink received ")).findFirst()
                .orElseThrow();
        assertThat(spans).matches("the OTLP sink received [1-9][0-9]* spans; by service and name: \\{.*\\}");
        Matcher serverSpans = Pattern.compile("router-service: POST /v1/chat/completions=(\\d+)").matcher(spans);
        assertThat(serverSpans.find()).as("the router's spans of client calls, in " + spans).isTrue();
        long warmUpAtMost = Math.round(values(report, ROUTER_MAX, "requests/s").stream().mapToDouble(Double::doubleValue)
                .sum() * WARM_UP_SECONDS);
        assertThat(Long.parseLong(serverSpans.group(1))).as("client calls traced")
                .isBetween(1L, 4_400L + warmUpAtMost);
        assertThat(values(report, "max throughput right after ready", "% of warmed"))
                .allMatch(share -> share > 0);
        // Each part's CPU per call at the fixed rate too: at a moderate load it is not what it is at the most.
        for (String phase : List.of(ROUTER_FIXED, ROUTER_MAX)) {
            for (String part : List.of("router", "adapters", "Kafka broker", "PostgreSQL", "load generator + stub",
                    "total")) {
                assertThat(values(report, "CPU per request (ms) during " + phase, part)).as(phase + ": " + part)
                        .allMatch(ms -> ms > 0);
            }
        }
        for (String process : List.of("router", "registry", "telemetry", "adapters", "launcher (Kafka broker)",
                "benchmark (load generator + stub)")) {
            assertThat(values(report, "resident memory", process)).as(process).allMatch(mb -> mb > 30);
        }
        assertThat(values(report, "the stack standing idle", "CPU, % of one core")).allMatch(share -> share >= 0);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(text).contains("baseline", "working tree", "ratio", "2 rounds (the sides taking turns)");
        assertThat(text.lines().filter(line -> line.startsWith("  requests/s  "))).hasSize(9).allMatch(line -> line
                .matches("  requests/s +[0-9,]+ +[0-9,]+( +[0-9.]+)?"));
        // Both stacks are down again, their data gone, their logs kept.
        for (String side : List.of("side-1", "side-2")) {
            assertThat(work.resolve(side).resolve("stack.properties")).doesNotExist();
            assertThat(work.resolve(side).resolve("kafka")).doesNotExist();
            for (String service : SERVICES) {
                assertThat(work.resolve(side).resolve("logs").resolve(service + ".log")).exists();
            }
        }
        assertThat(Files.readString(work.resolve("side-2").resolve("launcher.log"))).contains("Switchboard is up.");
        // Each launcher warmed its stack through every front door on the mock provider before it said ready.
        for (String side : List.of("side-1", "side-2")) {
            String launcher = Files.readString(work.resolve(side).resolve("launcher.log"));
            assertThat(launcher).containsPattern("warmed up: [1-9][0-9]* calls in [0-9]+ s \\([0-9]+/s\\)\\n")
                    .doesNotContain("not answered 200");
            assertThat(launcher.indexOf("warmed up:")).isLessThan(launcher.indexOf("Switchboard is up."));
        }
    }

    private static List<Double> values(BenchReport report, String section, String label) {
        double[] values = report.values(section, label)
                .orElseThrow(() -> new AssertionError("no row '" + label + "' in a section '" + section + "'"));
        return Arrays.stream(values).boxed().toList();
    }
}
