package dev.switchboard.local;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.switchboard.local.bench.Bench;
import dev.switchboard.local.bench.StackWarmUp;

/** The `./switchboard` command: up (foreground or detached), down and status for the local stack. */
public final class Main {

    private static final Duration DETACH_TIMEOUT = Duration.ofMinutes(5);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(System.getProperty("switchboard.repository", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "help" : args[0];
        int exitCode;
        try {
            exitCode = switch (command) {
                case "up" -> List.of(args).contains("--detach") ? upDetached(repository) : up(repository);
                case "down" -> down(home(repository));
                case "status" -> status(home(repository), System.out);
                case "bench" -> Bench.run(repository, List.of(args).subList(1, args.length), System.getenv());
                default -> usage();
            };
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("switchboard: " + e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    private static int up(Path repository) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Path home = home(repository);
        Optional<StackState> running = StackState.read(home).filter(StackState::launcherAlive);
        if (running.isPresent()) {
            System.err.println("switchboard: a stack is already running (pid " + running.get().pid()
                    + "); see ./switchboard status, or stop it with ./switchboard down");
            return 1;
        }
        StackSettings settings = StackSettings.fromEnvironment(repository, env);
        long pid = ProcessHandle.current().pid();
        new StackState(pid, false, Map.of(), Map.of()).write(home);
        Stack stack;
        try {
            stack = Stack.start(settings, line -> System.out.println("==> " + line));
        } catch (RuntimeException e) {
            StackState.delete(home);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before the warm-up, so that Ctrl-C during it stops the stack too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("==> stopping Switchboard");
            stack.close();
            StackState.delete(home);
            System.out.println("==> stopped");
            stopped.countDown();
        }, "switchboard-shutdown"));
        if (!settings.warmUp().isZero()) {
            System.out.println("==> " + StackWarmUp.run(stack.routerUrls(), settings.callerKey(), settings.warmUp(),
                    line -> System.out.println("==> " + line)));
        }
        new StackState(pid, true, stack.parts(), stack.managementAddresses()).write(home);
        printBanner(stack, home, env);
        stopped.await();
        return 0;
    }

    private static int upDetached(Path repository) throws IOException, InterruptedException {
        Path home = home(repository);
        Path log = home.resolve("logs").resolve("launcher.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        // setsid keeps the detached stack out of the terminal's process group, so a later Ctrl-C there cannot reach it.
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            command.add("setsid");
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // The launcher's own JVM options (its collector above all: it holds the broker), as ./switchboard chose them.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-Dswitchboard.repository=")).toList());
        command.add("-Dswitchboard.repository=" + repository);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("up");
        Process launcher = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        System.out.println("==> starting Switchboard in the background (log: " + log + ")");
        Duration timeout = DETACH_TIMEOUT.plus(StackSettings.warmUp(System.getenv("SWITCHBOARD_WARMUP_SECONDS")));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StackState> state = StackState.read(home);
            if (state.isPresent() && state.get().ready()) {
                System.out.print(Files.readString(log));
                return 0;
            }
            if (!launcher.isAlive()) {
                System.err.print(Files.readString(log));
                System.err.println("switchboard: the stack did not start; see " + log);
                return 1;
            }
            Thread.sleep(250);
        }
        System.err.println("switchboard: the stack was not ready after " + timeout.toSeconds() + " s; see " + log);
        return 1;
    }

    private static int down(Path home) throws InterruptedException {
        Optional<StackState> state = StackState.read(home).filter(StackState::launcherAlive);
        if (state.isEmpty()) {
            StackState.delete(home);
            System.out.println("Switchboard is not running.");
            return 0;
        }
        ProcessHandle launcher = ProcessHandle.of(state.get().pid()).orElseThrow();
        System.out.println("==> stopping Switchboard (pid " + launcher.pid() + ")");
        launcher.destroy();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (launcher.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (launcher.isAlive()) {
            System.err.println("switchboard: the launcher did not stop in time; killing it");
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        StackState.delete(home);
        System.out.println("==> stopped");
        return 0;
    }

    static int status(Path home, PrintStream out) {
        Optional<StackState> state = StackState.read(home).filter(StackState::launcherAlive);
        if (state.isEmpty()) {
            out.println("Switchboard is not running. Start it with ./switchboard up");
            return 3;
        }
        out.printf("Switchboard launcher pid %d, %s%n", state.get().pid(), state.get().ready() ? "ready" : "starting");
        out.printf("%-12s %-42s %-24s %s%n", "PART", "ADDRESS", "MANAGEMENT", "STATE");
        state.get().parts().forEach((part, address) -> {
            String management = state.get().management().get(part);
            out.printf("%-12s %-42s %-24s %s%n", part, address, management == null ? "" : management,
                    management == null ? partState(address) : ServiceProcess.isReady(management) ? "ready" : "not ready");
        });
        return 0;
    }

    private static String partState(String address) {
        if (address.startsWith("jdbc:postgresql://")) {
            return reachable(address.substring("jdbc:postgresql://".length()).split("/")[0]);
        }
        return reachable(address.split(",")[0]);
    }

    private static String reachable(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0) {
            return "unknown";
        }
        boolean local = hostAndPort.startsWith("127.0.0.1") || hostAndPort.startsWith("localhost");
        if (!local) {
            return "external";
        }
        return Ports.inUse(Integer.parseInt(hostAndPort.substring(colon + 1))) ? "up" : "down";
    }

    private static void printBanner(Stack stack, Path home, Map<String, String> env) {
        StringBuilder banner = new StringBuilder("\nSwitchboard is up.\n\n");
        Map<String, String> management = stack.managementAddresses();
        stack.parts().forEach((part, address) -> banner.append(String.format("  %-12s %-28s%s%n", part, address,
                management.containsKey(part) ? "  health, metrics: " + management.get(part) + "/q/health, /q/metrics" : "")));
        String router = stack.parts().get(Stack.ROUTER);
        banner.append("\n  OpenAI API   ").append(router).append("/v1\n");
        banner.append("  API key      ").append(stack.settings().apiKey())
                .append(env.containsKey("SWITCHBOARD_API_KEY") ? "  (from SWITCHBOARD_API_KEY)"
                        : "  (stored in " + home.resolve("api-key") + ")")
                .append('\n');
        banner.append("  Ops key      ").append(stack.settings().opsKey())
                .append(env.containsKey("SWITCHBOARD_OPS_KEY") ? "  (from SWITCHBOARD_OPS_KEY)"
                        : "  (stored in " + home.resolve("ops-key") + "; the dashboard and telemetry's reads ask for it)")
                .append('\n');
        banner.append("  Admin key    stored in ").append(home.resolve("admin-key")).append('\n');
        banner.append("  Logs         ").append(stack.settings().logDirectory()).append('\n');
        banner.append("\nTry it:\n  curl -s ").append(router).append("/v1/chat/completions -H \"Authorization: Bearer ")
                .append(stack.settings().callerKey()).append("\" -H 'Content-Type: application/json' \\\n")
                .append("    -d '{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}'\n");
        banner.append("\nPress Ctrl-C to stop (or ./switchboard down when detached).\n");
        System.out.println(banner);
    }

    private static Path home(Path repository) {
        return Path.of(System.getenv().getOrDefault("SWITCHBOARD_HOME", repository.resolve(".switchboard").toString()));
    }

    private static int usage() {
        System.out.println("""
                usage: ./switchboard <command>
                  up [--detach]   start Kafka, PostgreSQL and the services, warm them up on the mock
                                  provider, and say ready (foreground; Ctrl-C stops all)
                  down            stop a detached stack
                  status          list each part with its address and state
                  bench [--baseline <git-ref>]
                                  start a stack on free ports with a zero-latency OpenAI stub and measure it;
                                  with a baseline, build that commit and measure both, taking turns
                """);
        return 2;
    }
}
