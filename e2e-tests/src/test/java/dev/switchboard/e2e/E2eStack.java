package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.switchboard.local.Ports;
import dev.switchboard.local.Stack;
import dev.switchboard.local.StackSettings;

/**
 * How every end-to-end suite starts and stops the stack as `./switchboard up` starts it (on free ports, with small JVMs)
 * and the provider stubs beside it.
 */
public final class E2eStack {

    /** Small heaps and a quick JIT: up to seven JVMs share a couple of cores. */
    public static final List<String> JAVA_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    /**
     * The services run on the JVM the tests run on, without a start-up cache: recording one costs some 20 s per
     * service at the first stop after every build, which the suites would pay in every run.
     */
    public static final Map<String, String> PLAIN_JVM = Map.of("SWITCHBOARD_STARTUP_CACHE", "off",
            "SWITCHBOARD_SERVICES_JAVA_HOME", System.getProperty("java.home"));

    private E2eStack() {
    }

    /**
     * Starts the stack with this many router replicas, these keys, and this environment for every service, in a new
     * home directory named after the suite; returns once every service answers ready.
     */
    public static Stack start(String name, int routers, String apiKey, String adminKey, Map<String, String> environment)
            throws IOException {
        Path home = Files.createTempDirectory("switchboard-e2e-" + name);
        Map<String, String> env = new HashMap<>();
        // Up to seven JVMs start at once on a shared two-core machine: the first connection may take longer than the
        // pool's default 5 s, and a service whose migration cannot connect exits.
        env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "20s");
        env.putAll(PLAIN_JVM);
        env.putAll(environment);
        List<Integer> routerPorts = IntStream.range(0, routers).mapToObj(replica -> Ports.free()).toList();
        StackSettings settings = new StackSettings(repository(), home, Ports.free(), Ports.free(), routerPorts,
                Ports.free(), Ports.free(), Ports.free(), null, null, false, apiKey, adminKey, JAVA_OPTIONS,
                Duration.ZERO, Map.copyOf(env));
        return Stack.start(settings, line -> System.out.println("[stack] " + line));
    }

    /** The working tree whose build the stack runs. */
    public static Path repository() {
        return Path.of(System.getProperty("switchboard.repository", "..")).toAbsolutePath().normalize();
    }

    /** A provider stub on a free local port, started. */
    public static WireMockServer startStub() {
        WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
        return stub;
    }

    /** Stops a suite's stack, then its stubs; any of them may be null, not started. */
    public static void stop(Stack stack, WireMockServer... stubs) {
        if (stack != null) {
            stack.close();
        }
        Stream.of(stubs).filter(Objects::nonNull).forEach(WireMockServer::stop);
    }
}
