package dev.switchboard.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./switchboard bench}: starts a stack whose {@code openai} provider is a zero-latency stub, loads it at a fixed
 * rate and at full speed, through the router and straight at the stub, and prints latency, throughput, the gateway's
 * overhead and each JVM's resident memory.
 */
public final class Bench {

    private static final int FIXED_RATE = 500;
    private static final int CALLERS = 64;

    private Bench() {
    }

    public static int run(Path repository, Map<String, String> env) throws IOException {
        int seconds = Integer.parseInt(env.getOrDefault("SWITCHBOARD_BENCH_SECONDS", "20"));
        Duration measure = Duration.ofSeconds(seconds);
        String apiKey = Keys.generate();
        Path home = Files.createTempDirectory("switchboard-bench");
        try (OpenAiStub stub = new OpenAiStub()) {
            StackSettings settings = new StackSettings(repository, home, Ports.free(), Ports.free(), List.of(Ports.free()),
                    Ports.free(), Ports.free(), Ports.free(), null, null, false, apiKey, Keys.generate(),
                    javaOptions(env),
                    Map.of("SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", stub.baseUrl(),
                            "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", "sk-bench-0123456789abcdefghijklmnop"));
            try (Stack stack = Stack.start(settings, line -> System.out.println("==> " + line))) {
                String router = stack.parts().get(Stack.ROUTER) + "/v1/chat/completions";
                LoadGenerator viaRouter = new LoadGenerator(router, apiKey);
                LoadGenerator direct = new LoadGenerator(stub.baseUrl() + "/chat/completions", "unused");
                System.out.println("==> warming up (" + seconds + " s)");
                viaRouter.fixedRate(200, measure.dividedBy(2));
                viaRouter.fixedRate(FIXED_RATE, measure.dividedBy(2));
                direct.fixedRate(FIXED_RATE, Duration.ofSeconds(5));
                System.out.println("==> fixed rate, " + FIXED_RATE + " requests/s (" + seconds + " s each)");
                LoadGenerator.Result routerFixed = viaRouter.fixedRate(FIXED_RATE, measure);
                Map<String, Long> memory = residentMemory(stack);
                LoadGenerator.Result directFixed = direct.fixedRate(FIXED_RATE, measure);
                System.out.println("==> maximum throughput, " + CALLERS + " callers (" + seconds + " s each)");
                Map<String, Long> cpuBefore = cpuTicks(stack);
                LoadGenerator.Result routerMax = viaRouter.maxThroughput(CALLERS, measure);
                Map<String, Long> cpuAfter = cpuTicks(stack);
                LoadGenerator.Result directMax = direct.maxThroughput(CALLERS, measure);
                print(routerFixed, directFixed, routerMax, directMax, memory);
                printCpu(cpuBefore, cpuAfter, routerMax);
            }
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

    /** CPU time (user and system, in clock ticks) each process has used so far, from /proc. */
    private static Map<String, Long> cpuTicks(Stack stack) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            ticks.put(service.spec().name(), cpuTicks(service.pid()));
        }
        ticks.put("launcher (Kafka, load)", cpuTicks(ProcessHandle.current().pid()));
        return ticks;
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: state is field 3, utime field 14 and stime field 15 of the whole line.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void printCpu(Map<String, Long> before, Map<String, Long> after, LoadGenerator.Result load) {
        long requests = Math.max(1, load.ok());
        System.out.println();
        System.out.println("CPU per request during the maximum-throughput run through the router (ms):");
        // Linux reports these times in ticks of 1/100 s.
        before.forEach((part, ticks) -> System.out.printf("  %-24s %6.2f%n", part,
                (after.get(part) - ticks) * 10.0 / requests));
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
