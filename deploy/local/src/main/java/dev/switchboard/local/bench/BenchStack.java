package dev.switchboard.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.switchboard.local.Directories;
import dev.switchboard.local.Ports;
import dev.switchboard.local.PostgresServer;
import dev.switchboard.local.StackSettings;
import dev.switchboard.local.StackState;

/**
 * One side of a benchmark: a whole stack started by a source tree's own launcher ({@code Main up} from that tree's
 * build) as a child process, on ports of its own and with a throwaway home, so that a baseline built from an older
 * commit starts exactly as that commit would start itself. What the benchmark needs from it is the launcher's
 * contract: ports and keys by environment, and {@code stack.properties} saying when it is ready and what runs where.
 */
final class BenchStack implements AutoCloseable {

    static final String BROKER = "Kafka broker";
    static final String POSTGRES = "PostgreSQL";
    /** The benchmark's load generator and stub, which share two event loops, named apart from anything else in its JVM. */
    static final String LOAD = "load generator + stub";
    private static final String LOAD_THREADS = "vert.x-";

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    /** Settings of the user's environment that would make the stack use something other than its own parts. */
    private static final List<String> NOT_INHERITED = List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "SWITCHBOARD_ROUTER_REPLICAS");

    private final String label;
    private final Process launcher;
    private final Path home;
    private final int postgresPort;
    private final Map<String, String> parts;
    private final Map<String, Long> servicePids;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BenchStack(String label, Process launcher, Path home, int postgresPort, Map<String, String> parts,
            Map<String, Long> servicePids) {
        this.label = label;
        this.launcher = launcher;
        this.home = home;
        this.postgresPort = postgresPort;
        this.parts = parts;
        this.servicePids = servicePids;
    }

    /** The command that starts a tree's stack in the foreground, as {@code ./switchboard up} does. */
    static List<String> launcherCommand(Path tree, List<String> launcherOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launcherOptions);
        command.add("-Dswitchboard.repository=" + tree);
        command.add("-cp");
        Path local = tree.resolve("deploy/local/target");
        command.add(local.resolve("switchboard-local.jar") + ":" + local.resolve("lib") + "/*");
        command.add("dev.switchboard.local.Main");
        command.add("up");
        return command;
    }

    /** Starts the tree's stack and returns once it says it is ready; its log goes to {@code home/launcher.log}. */
    static BenchStack start(String label, Path tree, Path home, Map<String, String> environment, List<String> launcherOptions,
            Consumer<String> progress) {
        if (!Files.isRegularFile(tree.resolve("deploy/local/target/switchboard-local.jar"))) {
            throw new IllegalStateException(tree + " is not built: run ./mvnw package -DskipTests there first");
        }
        int postgresPort = Ports.free();
        ProcessBuilder builder = new ProcessBuilder(launcherCommand(tree, launcherOptions)).directory(tree.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("launcher.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment);
        NOT_INHERITED.forEach(env::remove);
        env.put("SWITCHBOARD_HOME", home.toString());
        env.put("SWITCHBOARD_POSTGRES_PORT", String.valueOf(postgresPort));
        for (String part : List.of("KAFKA", "ROUTER", "REGISTRY", "TELEMETRY", "ADAPTERS")) {
            env.put("SWITCHBOARD_" + part + "_PORT", String.valueOf(Ports.free()));
        }
        progress.accept("starting the stack of the " + label + " (log: " + home.resolve("logs") + ")");
        Process launcher;
        try {
            Files.createDirectories(home);
            launcher = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the launcher of the " + label, e);
        }
        try {
            // A tree whose launcher warms up before it says ready takes that much longer; an older one ignores it.
            Duration timeout = READY_TIMEOUT.plus(StackSettings.warmUp(environment.get("SWITCHBOARD_WARMUP_SECONDS")));
            StackState ready = awaitReady(launcher, home, label, timeout);
            Map<String, Long> pids = servicePids(launcher, ready.parts());
            return new BenchStack(label, launcher, home, postgresPort, ready.parts(), pids);
        } catch (RuntimeException e) {
            stop(launcher);
            throw e;
        }
    }

    private static StackState awaitReady(Process launcher, Path home, String label, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StackState> state = StackState.read(home);
            if (state.isPresent() && state.get().ready() && state.get().pid() == launcher.pid()) {
                return state.get();
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the stack of the " + label + " did not start; see "
                        + home.resolve("launcher.log"));
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the stack of the " + label + " was not ready after "
                + timeout.toSeconds() + " s; see " + home.resolve("launcher.log"));
    }

    /** Each service JVM among the launcher's children, told apart by the HTTP port it was given. */
    private static Map<String, Long> servicePids(Process launcher, Map<String, String> parts) {
        List<ProcessHandle> children = launcher.descendants().toList();
        Map<String, Long> pids = new LinkedHashMap<>();
        parts.forEach((part, address) -> {
            if (address.startsWith("http")) {
                String port = "-Dquarkus.http.port=" + address.substring(address.lastIndexOf(':') + 1) + "\0";
                children.stream().filter(child -> commandLine(child.pid()).contains(port)).findFirst()
                        .ifPresent(child -> pids.put(part, child.pid()));
            }
        });
        return pids;
    }

    String label() {
        return label;
    }

    Map<String, String> parts() {
        return parts;
    }

    String routerUrl() {
        return parts.get("router");
    }

    /** The processes of each part: every service, the broker (the launcher itself) and PostgreSQL. */
    Map<String, List<Long>> processes() {
        Map<String, List<Long>> processes = new LinkedHashMap<>();
        servicePids.forEach((part, pid) -> processes.put(part, List.of(pid)));
        processes.put(BROKER, List.of(launcher.pid()));
        processes.put(POSTGRES, PostgresServer.processes(postgresPort).stream().map(ProcessHandle::pid).toList());
        return processes;
    }

    /** CPU time so far of each part of this stack, and of the benchmark JVM's load generator and stub. */
    Map<String, Long> cpuNanos() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        processes().forEach((part, pids) -> nanos.put(part, ProcessStats.cpuNanos(pids)));
        nanos.put(LOAD, ProcessStats.threadCpuNanos(LOAD_THREADS));
        return nanos;
    }

    /** A stack's own CPU in such a reading, without the load generator and stub, which serve whichever side is measured. */
    static long ownCpu(Map<String, Long> nanos) {
        return nanos.entrySet().stream().filter(part -> !part.getKey().equals(LOAD)).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** The JVMs whose resident memory the report shows: the services and the launcher with the broker. */
    Map<String, Long> jvms() {
        Map<String, Long> jvms = new LinkedHashMap<>(servicePids);
        jvms.put("launcher (" + BROKER + ")", launcher.pid());
        return jvms;
    }

    /** Stops the stack as Ctrl-C would, then removes its Kafka and PostgreSQL data, keeping the logs. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop(launcher);
        for (String data : List.of("kafka", "postgres")) {
            Directories.deleteRecursively(home.resolve(data));
        }
    }

    private static void stop(Process launcher) {
        List<ProcessHandle> children = launcher.descendants().toList();
        launcher.destroy();
        try {
            if (!launcher.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
