package dev.switchboard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.local.Ports;
import dev.switchboard.local.Stack;
import dev.switchboard.local.StackSettings;

/** The stack as `./switchboard up` starts it with two router replicas, on free ports, for the suites that need two. */
public final class TwoReplicaStack {

    /** Small heaps and a quick JIT: six JVMs share a couple of cores. */
    public static final List<String> JAVA_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private TwoReplicaStack() {
    }

    /**
     * Starts the stack with these keys and this environment for every service, and returns once each replica sees its
     * providers served.
     */
    public static Stack start(String name, String apiKey, String adminKey, Map<String, String> environment)
            throws IOException {
        Path home = Files.createTempDirectory("switchboard-" + name);
        Path repository = Path.of(System.getProperty("switchboard.repository", "..")).toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        // Six JVMs start at once on a shared two-core machine: the first connection may take longer than the pool's
        // default 5 s, and a service whose migration cannot connect exits.
        env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "20s");
        env.putAll(environment);
        StackSettings settings = new StackSettings(repository, home, Ports.free(), Ports.free(),
                List.of(Ports.free(), Ports.free()), Ports.free(), Ports.free(), Ports.free(), null, null, false, apiKey,
                adminKey, JAVA_OPTIONS, Map.copyOf(env));
        return Stack.start(settings, line -> System.out.println("[stack] " + line));
    }
}
