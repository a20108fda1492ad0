package dev.switchboard.local.bench;

import static dev.switchboard.local.bench.BenchPhase.Load.callers;
import static dev.switchboard.local.bench.BenchPhase.Load.perSecond;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import dev.switchboard.local.Keys;
import dev.switchboard.local.OtlpReceiver;
import dev.switchboard.local.bench.LoadGenerator.Result;

/**
 * {@code ./switchboard bench [--baseline <git-ref>]}: starts a stack whose {@code openai} and {@code anthropic}
 * providers are a zero-latency stub and measures it phase by phase (see {@link #PHASES}): latency, throughput, the
 * gateway's overhead over the stub, each part's CPU per request and resident memory, and the throughput right after
 * start-up. With a baseline, that commit is built and started beside the working tree, both are warmed up and left to
 * stand quiet, the first phase runs once on each unmeasured, and every phase runs on each in turn, each round starting
 * with the side the last one ended with (A, B, B, A), so that both columns come from the same minutes of the machine.
 */
public final class Bench {

    static final String STUB_FIXED = "fixed 500/s straight to the stub";
    static final String ROUTER_FIXED = "fixed 500/s through the router";
    static final String ROUTER_MAX = "max throughput through the router";
    static final String RESPONSES_FIXED = "fixed 500/s, Responses";
    static final String MESSAGES_FIXED = "fixed 500/s, Messages";

    /**
     * The measured phases, in the order they run. The traced and the managed-key phases are compared with the plain
     * one: what tracing (every span exported to the benchmark's OTLP sink) and governance (a managed key's budget,
     * rpm and tpm, none of them ever reached) add to a call. The Responses and Messages phases take the two other front
     * doors, each to a provider that speaks it natively (OpenAI, Anthropic), and are paired with plain chat calls in
     * the same way: what each door adds to chat's overhead. The request log runs at {@code metadata} in all of them
     * (it has no level below that, and is written from the usage topic, off the call's path).
     */
    static final List<BenchPhase> PHASES = List.of(
            BenchPhase.router(ROUTER_FIXED, perSecond(500)).overheadOver(STUB_FIXED).readingMemory().readingCpu(),
            BenchPhase.router("fixed 500/s, traced", perSecond(500)).calling(Call::tracedChatCompletion)
                    .overheadOver(ROUTER_FIXED),
            BenchPhase.router("fixed 500/s, managed key", perSecond(500)).calling(Call::managedKeyChatCompletion)
                    .overheadOver(ROUTER_FIXED),
            BenchPhase.router(RESPONSES_FIXED, perSecond(500)).calling(Call::responses).overheadOver(ROUTER_FIXED),
            BenchPhase.router(MESSAGES_FIXED, perSecond(500)).calling(Call::messages).overheadOver(ROUTER_FIXED),
            BenchPhase.stub(STUB_FIXED, perSecond(500)),
            BenchPhase.router(ROUTER_MAX, callers(64)).readingCpu(),
            BenchPhase.stub("max throughput straight to the stub", callers(64)));

    /** Run on each side as soon as it reports ready, before its warm-up: how fast a fresh start serves. */
    static final BenchPhase COLD = BenchPhase.router("max throughput right after ready", callers(64));

    private static final Consumer<String> PROGRESS = line -> System.out.println("==> " + line);

    /** A side of the comparison: a built tree, what the report calls it, its stack's environment, its launcher's options. */
    public record Side(String label, Path tree, Map<String, String> environment, List<String> launcherOptions) {
    }

    private final BenchSettings settings;
    private final Map<String, String> environment;
    private final Consumer<String> progress;
    private final String apiKey = Keys.generate();
    private final String adminKey = Keys.generate();

    public Bench(BenchSettings settings, Map<String, String> environment, Consumer<String> progress) {
        this.settings = settings;
        this.environment = environment;
        this.progress = progress;
    }

    /** The {@code bench} command. */
    public static int run(Path repository, List<String> args, Map<String, String> env) throws IOException {
        BenchSettings settings = BenchSettings.parse(args, env);
        Path work = Files.createTempDirectory("switchboard-bench");
        Side workingTree = settings.workingTreeSide(repository);
        if (!settings.comparing()) {
            new Bench(settings, env, PROGRESS).measure(List.of(workingTree), work).print(System.out);
        } else {
            BaselineTree baseline = BaselineTree.checkout(repository, settings.baseline(), work);
            Thread removeBaseline = ShutdownHook.add(baseline::close);
            try {
                baseline.build(work.resolve("baseline-build.log"), PROGRESS);
                Side base = settings.baselineSide(baseline.label(), baseline.directory());
                new Bench(settings, env, PROGRESS).measure(List.of(base, workingTree), work).print(System.out);
            } finally {
                baseline.close();
                ShutdownHook.remove(removeBaseline);
            }
        }
        System.out.println("\nLogs of this run: " + work);
        return 0;
    }

    /** Starts every side's stack, warms each up, runs every phase on each in turn, and stops them again. */
    public BenchReport measure(List<Side> sides, Path work) {
        long started = System.nanoTime();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        List<BenchStack> stacks = new CopyOnWriteArrayList<>();
        Map<String, LoadGenerator> generators = new HashMap<>();
        BenchMeasurements measured = new BenchMeasurements(sides.size());
        // Stopped on the way out however the run ends: a stack left running would hold its ports and skew the next run.
        Thread stopStacks = ShutdownHook.add(() -> stacks.forEach(BenchStack::close));
        try (OpenAiStub stub = new OpenAiStub(vertx); OtlpReceiver traces = OtlpReceiver.counting()) {
            Call.Target floor = new Call.Target(stub.rootUrl(), "unused", "unused", Map.of());
            progress.accept(
                    "about " + settings.plannedMinutes(sides.size(), PHASES) + " min of load, besides starting and stopping "
                            + sides.size() + (sides.size() == 1 ? " stack" : " stacks"));
            for (int side = 0; side < sides.size(); side++) {
                Side of = sides.get(side);
                BenchStack stack = BenchStack.start(of.label(), of.tree(), work.resolve("side-" + (side + 1)),
                        stackEnvironment(stub, traces, of.environment()), of.launcherOptions(), progress);
                stacks.add(stack);
                coldAndWarmUp(stack, side, vertx, generators, measured);
            }
            LoadGenerator stubWarmUp = new LoadGenerator(vertx, Call.chatCompletion(floor));
            stubWarmUp.fixedRate(500, min(settings.phase(), 5));
            stubWarmUp.close();
            // Until no stack's compilers are still at work on its warm-up, for as long as the warm-up at most.
            Settling.await(stacks, min(settings.warmUp(), 60), progress);
            leadIn(stacks, vertx, generators);
            for (BenchPhase phase : PHASES) {
                for (int round = 1; round <= settings.rounds(); round++) {
                    if (phase.target() == BenchPhase.Target.STUB) {
                        progress.accept(phase.name() + ", " + settings.round(round));
                        LoadGenerator load = generators.computeIfAbsent(phase.name(),
                                name -> new LoadGenerator(vertx, phase.call().apply(floor)));
                        measured.sharedResult(phase.name(), load.run(phase.load(), settings.phase()));
                        continue;
                    }
                    for (int side : settings.turns(round, stacks.size())) {
                        runOnSide(phase, round, side, stacks, vertx, generators, measured);
                    }
                }
            }
            progress.accept("the OTLP sink received " + traces.spansReceived() + " spans; by service and name: "
                    + traces.spansReceivedByName());
        } finally {
            generators.values().forEach(LoadGenerator::close);
            stacks.forEach(BenchStack::close);
            vertx.close().toCompletionStage().toCompletableFuture().join();
            ShutdownHook.remove(stopStacks);
        }
        return BenchReport.of(sides.stream().map(Side::label).toList(), heading(started), PHASES, COLD, ROUTER_MAX,
                measured);
    }

    private void coldAndWarmUp(BenchStack stack, int side, Vertx vertx, Map<String, LoadGenerator> generators,
            BenchMeasurements measured) {
        LoadGenerator load = new LoadGenerator(vertx, COLD.call().apply(target(stack)));
        try {
            progress.accept(COLD.name() + " (" + settings.cold().toSeconds() + " s)");
            measured.cold(side, load.run(COLD.load(), settings.cold()));
            List<BenchPhase> served = ServedPhases.probe(PHASES, ROUTER_FIXED, stack.label(),
                    phase -> generator(phase, side, stack, vertx, generators), (phase, refusal) -> {
                        progress.accept(phase.name() + ": not served by the " + stack.label() + " (" + refusal
                                + "); left out there");
                        measured.notServed(side, phase.name());
                    });
            long warmUp = settings.warmUp().toSeconds();
            if (warmUp > 0) {
                // Until the JIT compilers of five JVMs have worked through their hot paths, they take much of the CPU.
                // Every phase's path is warmed, not only the plain call's (exporting spans, a managed key's leases, the
                // other front doors): a path first taken while measured would measure the compilers at work on it.
                progress.accept("warming up (" + warmUp + " s)");
                List<LoadGenerator> paths = served.stream().filter(phase -> !phase.name().equals(ROUTER_MAX))
                        .map(phase -> generator(phase, side, stack, vertx, generators)).toList();
                long fixedMillis = warmUp * 1000 / 4;
                paths.forEach(path -> path.fixedRate(200, Duration.ofMillis(Math.max(200, fixedMillis / paths.size()))));
                paths.forEach(path -> path.maxThroughput(64,
                        Duration.ofMillis(Math.max(200, (warmUp * 1000 - fixedMillis) / paths.size()))));
            }
        } finally {
            load.close();
        }
    }

    /**
     * The first phase once on each side before it is measured, the side measured first the last: in four runs without
     * it, the side measured first had the worse p99 in the first phase every time (2.2 and 3.5 times the other's in
     * the two that compared a tree with itself).
     */
    private void leadIn(List<BenchStack> stacks, Vertx vertx, Map<String, LoadGenerator> generators) {
        BenchPhase first = PHASES.get(0);
        for (int side : settings.turns(0, stacks.size())) {
            progress.accept(first.name() + ": " + stacks.get(side).label() + ", a lead-in, not measured");
            LoadGenerator load = generator(first, side, stacks.get(side), vertx, generators);
            progress.accept("  " + load.run(first.load(), settings.phase()).summary());
        }
    }

    /** A phase's load generator on one side, made once: a phase that sets something up (a managed key) does so once. */
    private LoadGenerator generator(BenchPhase phase, int side, BenchStack stack, Vertx vertx,
            Map<String, LoadGenerator> generators) {
        return generators.computeIfAbsent(phase.name() + "@" + side,
                name -> new LoadGenerator(vertx, phase.call().apply(target(stack))));
    }

    private void runOnSide(BenchPhase phase, int round, int side, List<BenchStack> stacks, Vertx vertx,
            Map<String, LoadGenerator> generators, BenchMeasurements measured) {
        BenchStack stack = stacks.get(side);
        if (!measured.serves(side, phase.name())) {
            return;
        }
        BenchPhase reference = PairedSlices.reference(phase, PHASES);
        progress.accept(phase.name() + (stacks.size() > 1 ? ": " + stack.label() : "") + ", " + settings.round(round)
                + (reference == null ? ""
                        : ", taking turns with " + reference.name() + " in slices (" + PairedSlices.pairs(settings.phase())
                                + " of each)"));
        LoadGenerator load = generator(phase, side, stack, vertx, generators);
        List<Map<String, Long>> before = stacks.stream().map(BenchStack::cpuNanos).toList();
        long start = System.nanoTime();
        Result result;
        if (reference == null) {
            result = load.run(phase.load(), settings.phase());
            measured.result(phase.name(), side, result);
        } else {
            List<PairedSlices.Pair> pairs = PairedSlices.run(generator(reference, side, stack, vertx, generators),
                    reference.load(), load, phase.load(), settings.phase(), stack::cpuNanos);
            measured.pairs(phase.name(), side, pairs);
            result = Result.merge(pairs.stream().map(PairedSlices.Pair::measured).toList());
        }
        long elapsed = System.nanoTime() - start;
        progress.accept("  " + result.summary());
        List<Map<String, Long>> after = stacks.stream().map(BenchStack::cpuNanos).toList();
        if (phase.cpu()) {
            Map<String, Long> spent = new LinkedHashMap<>();
            before.get(side).forEach((part, nanos) -> spent.put(part, after.get(side).get(part) - nanos));
            measured.cpu(phase.name(), side, spent, result.ok());
        }
        for (int other = 0; other < stacks.size(); other++) {
            if (other != side) {
                long stackOnly = BenchStack.ownCpu(after.get(other)) - BenchStack.ownCpu(before.get(other));
                measured.idle(other, stackOnly, elapsed);
            }
        }
        if (phase.memory()) {
            Map<String, Long> resident = new LinkedHashMap<>();
            stack.jvms().forEach((process, pid) -> resident.put(process, ProcessStats.residentKb(pid)));
            resident.put("benchmark (" + BenchStack.LOAD + ")", ProcessStats.residentKb(ProcessHandle.current().pid()));
            measured.memory(side, resident);
        }
    }

    private Map<String, String> stackEnvironment(OpenAiStub stub, OtlpReceiver traces, Map<String, String> side) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(side);
        // Tracing on, exporting to the benchmark's sink; a call is recorded only when its caller's traceparent says so
        // (the services sample on the parent, and a call without one at this ratio).
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0");
        env.put("SWITCHBOARD_API_KEY", apiKey);
        env.put("SWITCHBOARD_ADMIN_KEY", adminKey);
        env.put("SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", stub.baseUrl());
        env.put("SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", "sk-bench-0123456789abcdefghijklmnop");
        env.put("SWITCHBOARD_PROVIDERS_ANTHROPIC_BASE_URL", stub.rootUrl());
        env.put("SWITCHBOARD_PROVIDERS_ANTHROPIC_API_KEY", "sk-ant-bench-0123456789abcdefghijklmnop");
        // The stubbed providers only, as each Deployment serves one in Kubernetes, and mock, for up's warm-up.
        env.put("SWITCHBOARD_ADAPTERS_ENABLED", "openai,anthropic,mock");
        return env;
    }

    private Call.Target target(BenchStack stack) {
        return new Call.Target(stack.routerUrl(), apiKey, adminKey, stack.parts());
    }

    private String heading(long started) {
        return String.format("Switchboard benchmark: %d cores, %d s per phase, %d round%s%s, warm-up %d s, "
                + "%d s right after ready; measured in %d min", Runtime.getRuntime().availableProcessors(),
                settings.phase().toSeconds(), settings.rounds(), settings.rounds() == 1 ? "" : "s",
                settings.comparing() ? " (the sides taking turns)" : "", settings.warmUp().toSeconds(),
                settings.cold().toSeconds(), Duration.ofNanos(System.nanoTime() - started).toMinutes())
                + settings.baselineOptionsNote();
    }

    private static Duration min(Duration duration, long seconds) {
        return duration.compareTo(Duration.ofSeconds(seconds)) < 0 ? duration : Duration.ofSeconds(seconds);
    }
}
