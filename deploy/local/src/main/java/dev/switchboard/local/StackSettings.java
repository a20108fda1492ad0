package dev.switchboard.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.contracts.Topics;

/**
 * What a local stack is made of: where the build and the state live, the ports, and any external Kafka or PostgreSQL
 * to use instead of the embedded ones.
 *
 * @param routerPorts one port per router replica; replica i reads reply partition i
 * @param externalKafka bootstrap servers of a Kafka to use, or null to start the embedded broker
 * @param externalJdbcUrl JDBC URL of a PostgreSQL to use, or null to start the embedded server
 * @param persistentData whether the embedded PostgreSQL and Kafka keep their data under the home directory (else
 *        both start empty and leave nothing behind)
 * @param javaOptions the JVM options every service starts with ({@code SWITCHBOARD_JAVA_OPTS}), or none for each
 *        module's own defaults ({@link #javaOptions(ServiceSpec)})
 * @param warmUp how long {@code up} calls its own router on the built-in mock provider before it says ready (zero
 *        skips it; see {@link dev.switchboard.local.bench.StackWarmUp})
 */
public record StackSettings(
        Path repository,
        Path home,
        int kafkaPort,
        int postgresPort,
        List<Integer> routerPorts,
        int registryPort,
        int telemetryPort,
        int adaptersPort,
        String externalKafka,
        String externalJdbcUrl,
        boolean persistentData,
        String apiKey,
        String adminKey,
        List<String> javaOptions,
        Duration warmUp,
        Map<String, String> extraEnvironment) {

    /** How far apart the router replicas' ports are. */
    public static final int ROUTER_PORT_STEP = 10;

    /**
     * A service held 16 to 25 MB in its old generation under load while it kept up, so that part starts at 16 MB and
     * grows (and shrinks again) with what it holds (README, "Memory").
     */
    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30");

    /**
     * Each module's young generation, fixed: the serial collector otherwise sizes it from the initial heap and resizes
     * it only after a full collection, and one too small for a service's allocation rate promotes calls in flight. The
     * router and the adapters allocate about 100 KB per call; registry and telemetry far less (README, "The young
     * generation").
     */
    static final Map<String, Integer> YOUNG_GENERATION_MB = Map.of("router-service", 96, "provider-adapters", 96,
            "registry-service", 32, "telemetry-service", 32);

    /**
     * Each module's heap limit. The serial collector grows the old generation to take what a young collection promotes
     * until it reaches the limit, and only then collects it: registry and telemetry, whose old generations hold 19 to
     * 31 MB after a full collection under load, had grown to 411 and 597 MB resident at 384 MB. Their backlog waits in
     * Kafka, not in their heaps. The router and the adapters hold calls in flight, a backlog on an overloaded machine,
     * so they keep the room (README, "Memory").
     */
    static final Map<String, Integer> HEAP_LIMIT_MB = Map.of("router-service", 384, "provider-adapters", 384,
            "registry-service", 128, "telemetry-service", 128);

    /** The old generation every service starts with, beside its young generation. */
    static final int OLD_GENERATION_START_MB = 16;

    /**
     * Until the JIT compilers of five JVMs have worked through the hot paths, the first callers of a fresh stack get a
     * few percent of its warmed throughput; after 150 s of warm-up the first 30 s served 89 % of it, after 90 s 64 %
     * (README, "Warm-up on start").
     */
    public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(150);

    /** The longest warm-up {@code SWITCHBOARD_WARMUP_SECONDS} may ask for. */
    static final long MAX_WARM_UP_SECONDS = 600;

    /** The settings `./switchboard up` uses: defaults, overridden by SWITCHBOARD_* variables. */
    public static StackSettings fromEnvironment(Path repository, Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("SWITCHBOARD_HOME", repository.resolve(".switchboard").toString()));
        String javaOptions = env.get("SWITCHBOARD_JAVA_OPTS");
        return new StackSettings(
                repository,
                home,
                port(env, "SWITCHBOARD_KAFKA_PORT", 9092),
                port(env, "SWITCHBOARD_POSTGRES_PORT", 15432),
                routerPorts(port(env, "SWITCHBOARD_ROUTER_PORT", 8080), routerReplicas(env)),
                port(env, "SWITCHBOARD_REGISTRY_PORT", 8081),
                port(env, "SWITCHBOARD_TELEMETRY_PORT", 8082),
                port(env, "SWITCHBOARD_ADAPTERS_PORT", 8083),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("QUARKUS_DATASOURCE_JDBC_URL")),
                true,
                Keys.resolve(env.get("SWITCHBOARD_API_KEY"), home.resolve("api-key")),
                Keys.resolve(env.get("SWITCHBOARD_ADMIN_KEY"), home.resolve("admin-key")),
                javaOptions == null || javaOptions.isBlank() ? List.of() : List.of(javaOptions.trim().split("\\s+")),
                warmUp(env.get("SWITCHBOARD_WARMUP_SECONDS")),
                Map.of());
    }

    /**
     * The JVM options a service starts with: {@code SWITCHBOARD_JAVA_OPTS} as given, else the defaults with the
     * module's young generation, {@link #OLD_GENERATION_START_MB} of old generation to start with, and its heap limit.
     */
    public List<String> javaOptions(ServiceSpec spec) {
        if (!javaOptions.isEmpty()) {
            return javaOptions;
        }
        int young = YOUNG_GENERATION_MB.getOrDefault(spec.module(), 32);
        List<String> options = new ArrayList<>(List.of("-Xms" + (young + OLD_GENERATION_START_MB) + "m", "-Xmn" + young + "m",
                "-Xmx" + HEAP_LIMIT_MB.getOrDefault(spec.module(), 384) + "m"));
        options.addAll(DEFAULT_JAVA_OPTIONS);
        return options;
    }

    /**
     * The read-only operations key ({@code SWITCHBOARD_OPS_KEY}): the one given, else the one stored in
     * {@code ops-key} under the home directory, else a new one that is then stored.
     */
    public String opsKey() {
        return Keys.resolve(extraEnvironment.getOrDefault("SWITCHBOARD_OPS_KEY", System.getenv("SWITCHBOARD_OPS_KEY")),
                home.resolve("ops-key"));
    }

    /**
     * The key the launcher itself calls the router with: the first of {@code apiKey}'s comma-separated keys (the router
     * takes each of them, not the list).
     */
    public String callerKey() {
        return apiKey.split(",")[0].trim();
    }

    public Path logDirectory() {
        return home.resolve("logs");
    }

    /** Fails, naming the part and the variable that moves it, when a port the stack would listen on is taken. */
    void checkPortsAreFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < routerPorts.size(); i++) {
            ports.put(routerName(i), routerPorts.get(i));
        }
        ports.put(Stack.REGISTRY, registryPort);
        ports.put(Stack.TELEMETRY, telemetryPort);
        ports.put(Stack.ADAPTERS, adaptersPort);
        if (externalKafka == null) {
            ports.put("kafka", kafkaPort);
        }
        if (externalJdbcUrl == null) {
            ports.put("postgres", postgresPort);
        }
        ports.forEach((part, port) -> {
            if (Ports.inUse(port)) {
                throw new IllegalStateException("port " + port + " for " + part
                        + " is already in use: is a stack already running (./switchboard status)? "
                        + "Otherwise choose another port with SWITCHBOARD_" + part.toUpperCase().replaceFirst("-\\d+$", "")
                        + "_PORT.");
            }
        });
    }

    /** A router replica's name: {@code router}, then {@code router-2}, {@code router-3}, ... */
    static String routerName(int replica) {
        return replica == 0 ? Stack.ROUTER : Stack.ROUTER + "-" + (replica + 1);
    }

    /** The first replica on the router port, each next one 10 ports higher: 8080, 8090, 8100, ... */
    static List<Integer> routerPorts(int first, int replicas) {
        List<Integer> ports = new ArrayList<>();
        for (int replica = 0; replica < replicas; replica++) {
            int port = first + ROUTER_PORT_STEP * replica;
            if (port > 65535) {
                throw new IllegalArgumentException("router replica " + (replica + 1) + " would need port " + port
                        + ": lower SWITCHBOARD_ROUTER_PORT or SWITCHBOARD_ROUTER_REPLICAS");
            }
            ports.add(port);
        }
        return List.copyOf(ports);
    }

    /** Each replica reads a reply partition of its own, so there can be at most as many as there are partitions. */
    private static int routerReplicas(Map<String, String> env) {
        String value = env.get("SWITCHBOARD_ROUTER_REPLICAS");
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int replicas = Integer.parseInt(value.trim());
            if (replicas < 1 || replicas > Topics.REPLY_PARTITIONS) {
                throw new NumberFormatException();
            }
            return replicas;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SWITCHBOARD_ROUTER_REPLICAS must be a number from 1 to "
                    + Topics.REPLY_PARTITIONS + " (one reply partition each), not '" + value + "'");
        }
    }

    /** {@code SWITCHBOARD_WARMUP_SECONDS}: blank for the default, else a whole number of seconds from 0 to 600. */
    public static Duration warmUp(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_WARM_UP;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds < 0 || seconds > MAX_WARM_UP_SECONDS) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SWITCHBOARD_WARMUP_SECONDS must be a whole number of seconds from 0 to "
                    + MAX_WARM_UP_SECONDS + ", not '" + value + "'");
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number from 1 to 65535, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
