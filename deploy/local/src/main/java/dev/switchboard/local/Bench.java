package dev.switchboard.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * {@code ./switchboard bench}: starts a stack whose {@code openai} provider is a zero-latency stub, loads it at a fixed
 * rate and at full speed, through the router and straight at the stub, and prints latency, throughput, the gateway's
 * overhead and each JVM's resident memory.
 */
public final class Bench {

    private static final int FIXED_RATE = 500;
    private static final int CALLERS = 64;
    private static final String BENCH_THREADS = "vert.x-";

    private Bench() {
    }

    public static int run(Path repository, Map<String, String> env) throws IOException {
        int seconds = Integer.parseInt(env.getOrDefault("SWITCHBOARD_BENCH_SECONDS", "20"));
        // Until the JIT compilers have worked through the hot paths of five JVMs on two cores, they take a large share
        // of the CPU: measured, still about 40 % of the machine 60 s into the load, done after about 150 s.
        int warmUp = Integer.parseInt(env.getOrDefault("SWITCHBOARD_BENCH_WARMUP_SECONDS", "180"));
        Duration measure = Duration.ofSeconds(seconds);
        String apiKey = Keys.generate();
        Path home = Files.createTempDirectory("switchboard-bench");
        // The load generator and the stub share two event loops, named apart from anything the broker runs.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try (OpenAiStub stub = new OpenAiStub(vertx)) {
            StackSettings settings = new StackSettings(repository, home, Ports.free(), Ports.free(), List.of(Ports.free()),
                    Ports.free(), Ports.free(), Ports.free(), null, null, false, apiKey, Keys.generate(),
                    javaOptions(env),
                    // The adapters serve only the stubbed provider, as each Deployment serves one in Kubernetes.
                    Map.of("SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", stub.baseUrl(),
                            "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", "sk-bench-0123456789abcdefghijklmnop",
                            "SWITCHBOARD_ADAPTERS_ENABLED", "openai"));
            try (Stack stack = Stack.start(settings, line -> System.out.println("==> " + line))) {
                String router = stack.parts().get(Stack.ROUTER) + "/v1/chat/completions";
                LoadGenerator viaRouter = new LoadGenerator(vertx, router, apiKey);
                LoadGenerator direct = new LoadGenerator(vertx, stub.baseUrl() + "/chat/completions", "unused");
                System.out.println("==> warming up (" + warmUp + " s)");
                viaRouter.fixedRate(200, Duration.ofSeconds(Math.max(1, warmUp / 4)));
                viaRouter.maxThroughput(CALLERS, Duration.ofSeconds(Math.max(1, warmUp - warmUp / 4)));
                direct.fixedRate(FIXED_RATE, Duration.ofSeconds(5));
                System.out.println("==> fixed rate, " + FIXED_RATE + " requests/s (" + seconds + " s each)");
                LoadGenerator.Result routerFixed = viaRouter.fixedRate(FIXED_RATE, measure);
                Map<String, Long> memory = residentMemory(stack);
                LoadGenerator.Result directFixed = direct.fixedRate(FIXED_RATE, measure);
                System.out.println("==> maximum throughput, " + CALLERS + " callers (" + seconds + " s each)");
                Map<String, Long> cpuBefore = CpuUsage.sample(stack, BENCH_THREADS);
                LoadGenerator.Result routerMax = viaRouter.maxThroughput(CALLERS, measure);
                Map<String, Long> cpuAfter = CpuUsage.sample(stack, BENCH_THREADS);
                LoadGenerator.Result directMax = direct.maxThroughput(CALLERS, measure);
                print(routerFixed, directFixed, routerMax, directMax, memory);
                printCpu(cpuBefore, cpuAfter, routerMax);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        System.out.println("\nService logs of this run: " + home.resolve("logs"));
        return 0;
    }

    /** The services' JVM options: SWITCHBOARD_JAVA_OPTS, as for {@code up}, else the defaults. */
    private static List<String> javaOptions(Map<String, String> env) {
        String options = env.get("SWITCHBOARD_JAVA_OPTS");
        return options == null || options.isBlank() ? StackSettings.DEFAULT_JAVA_OPTIONS
                : List.of(options.trim().split("\\s+"));
    }

    private static Map<String, Long> residentMemory(Stack stack) {
        Map<String, Long> memory = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            memory.put(service.spec().name(), residentKb(service.pid()));
        }
        memory.put("launcher (Kafka, load)", residentKb(ProcessHandle.current().pid()));
        return memory;
    }

    private static void printCpu(Map<String, Long> before, Map<String, Long> after, LoadGenerator.Result load) {
        long requests = Math.max(1, load.ok());
        System.out.println();
        System.out.println("CPU per request during the maximum-throughput run through the router (ms):");
        double total = 0;
        for (var part : before.entrySet()) {
            double perRequest = (after.get(part.getKey()) - part.getValue()) / 1e6 / requests;
            total += perRequest;
            System.out.printf("  %-24s %6.3f%n", part.getKey(), perRequest);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("  %-24s %6.3f  (at most %.0f requests/s on %d cores)%n", "total", total,
                cores * 1000 / total, cores);
    }

    private static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static void print(LoadGenerator.Result routerFixed, LoadGenerator.Result directFixed,
            LoadGenerator.Result routerMax, LoadGenerator.Result directMax, Map<String, Long> memory) {
        System.out.println();
        System.out.println("Switchboard benchmark (" + Runtime.getRuntime().availableProcessors() + " cores)");
        System.out.println();
        System.out.printf("%-34s %10s %9s %9s %9s %8s%n", "", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors");
        row("fixed " + FIXED_RATE + "/s through the router", routerFixed);
        row("fixed " + FIXED_RATE + "/s straight to the stub", directFixed);
        System.out.printf("%-34s %10s %9.2f %9.2f %9.2f%n", "gateway overhead at " + FIXED_RATE + "/s", "",
                routerFixed.p50() - directFixed.p50(), routerFixed.p95() - directFixed.p95(),
                routerFixed.p99() - directFixed.p99());
        row("max throughput through the router", routerMax);
        row("max throughput straight to the stub", directMax);
        System.out.println();
        System.out.println("Resident memory at " + FIXED_RATE + " requests/s:");
        memory.forEach((part, kb) -> System.out.printf("  %-24s %6d MB%n", part, kb / 1024));
    }

    private static void row(String name, LoadGenerator.Result result) {
        System.out.printf("%-34s %10.0f %9.2f %9.2f %9.2f %8d%n", name, result.perSecond(), result.p50(), result.p95(),
                result.p99(), result.errors());
    }
}
