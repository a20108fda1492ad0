package dev.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The whole system on one machine: Kafka, PostgreSQL and the service JVMs, started in order and stopped in reverse. */
public final class Stack implements AutoCloseable {

    public static final String ROUTER = "router";
    public static final String REGISTRY = "registry";
    public static final String TELEMETRY = "telemetry";
    public static final String ADAPTERS = "adapters";

    /** A management port's distance from its service's HTTP port (see {@link #managementPort}). */
    static final int MANAGEMENT_OFFSET = 1000;
    /** Five JVMs starting at once on two busy cores have taken more than three minutes. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final int LOG_TAIL_LINES = 30;
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final StackSettings settings;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final String bootstrapServers;
    private final List<ServiceProcess> services = new ArrayList<>();

    private Stack(StackSettings settings, PostgresServer postgres, KafkaServer kafka, String bootstrapServers) {
        this.settings = settings;
        this.postgres = postgres;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts everything and returns once every service answers ready; on failure, stops what had started. */
    public static Stack start(StackSettings settings, Consumer<String> progress) {
        createDirectories(settings.logDirectory());
        settings.checkPortsAreFree();
        PostgresServer postgres = null;
        KafkaServer kafka = null;
        Stack stack = null;
        try {
            if (settings.externalJdbcUrl() == null) {
                progress.accept("starting PostgreSQL on 127.0.0.1:" + settings.postgresPort());
                Path data = settings.persistentData() ? settings.home().resolve("postgres") : null;
                postgres = PostgresServer.start(settings.postgresPort(), data, settings.logDirectory().resolve("postgres.log"),
                        false);
                postgres.createDatabaseIfMissing(REGISTRY);
                postgres.createDatabaseIfMissing(TELEMETRY);
            } else {
                progress.accept("using PostgreSQL at " + settings.externalJdbcUrl());
            }
            String bootstrap = settings.externalKafka();
            if (bootstrap == null) {
                progress.accept("starting Kafka (KRaft) on 127.0.0.1:" + settings.kafkaPort());
                kafka = KafkaServer.start(settings.kafkaPort(),
                        settings.persistentData() ? settings.home().resolve("kafka") : null);
                bootstrap = kafka.bootstrapServers();
            } else {
                progress.accept("using Kafka at " + bootstrap);
            }
            TopicInitializer.createTopics(bootstrap);
            stack = new Stack(settings, postgres, kafka, bootstrap);
            stack.startServices(progress);
            return stack;
        } catch (RuntimeException e) {
            if (stack != null) {
                stack.close();
            } else {
                closeQuietly(kafka);
                closeQuietly(postgres);
            }
            throw e;
        }
    }

    private void startServices(Consumer<String> progress) {
        ServiceJvm serviceJvm = ServiceJvm.forStack(settings);
        progress.accept("the services run on JDK " + serviceJvm.feature() + " (" + serviceJvm.javaHome() + ")");
        for (ServiceSpec spec : serviceSpecs()) {
            progress.accept("starting " + spec.name() + " on " + spec.url() + " (management " + spec.managementUrl() + ")");
            services.add(ServiceProcess.start(spec, settings.repository(), settings.logDirectory(), serviceJvm,
                    settings.javaOptions(spec)));
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(
                            service.spec().name() + " exited during start-up; see " + service.logFile()
                                    + "; its last lines:" + System.lineSeparator() + service.logTail(LOG_TAIL_LINES));
                }
                if (service.isReady()) {
                    progress.accept(service.spec().name() + " is ready");
                    waiting.remove(service);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream().map(s -> s.spec().name() + " (" + s.logFile() + ")").toList());
            }
            sleep(Duration.ofMillis(300));
        }
        awaitServedProviders(progress, deadline);
    }

    /**
     * Waits until every router replica has seen an adapter announce a provider it serves: a router skips providers
     * nobody serves, so a call sent the moment the stack said ready would otherwise get a 503.
     */
    private void awaitServedProviders(Consumer<String> progress, long deadline) {
        for (ServiceProcess service : routers()) {
            while (!service.servesAProvider(settings.callerKey())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.spec().name() + " saw no adapter serve any provider within "
                            + READY_TIMEOUT.toSeconds() + " s; see " + service.logFile());
                }
                sleep(Duration.ofMillis(200));
            }
            progress.accept(service.spec().name() + " sees its providers served");
        }
    }

    private List<ServiceSpec> serviceSpecs() {
        String registryUrl = "http://127.0.0.1:" + settings.registryPort();
        String telemetryUrl = "http://127.0.0.1:" + settings.telemetryPort();
        List<ServiceSpec> specs = new ArrayList<>();
        specs.add(new ServiceSpec(REGISTRY, "registry-service", settings.registryPort(),
                managementPort(settings.registryPort()), withDatabase(REGISTRY, Map.of(
                        "QUARKUS_REST_CLIENT_TELEMETRY_URL", telemetryUrl,
                        "SWITCHBOARD_REGISTRY_ADAPTERS_URL", "http://127.0.0.1:" + settings.adaptersPort()))));
        specs.add(new ServiceSpec(TELEMETRY, "telemetry-service", settings.telemetryPort(),
                managementPort(settings.telemetryPort()),
                withDatabase(TELEMETRY, Map.of("QUARKUS_REST_CLIENT_REGISTRY_URL", registryUrl))));
        specs.add(new ServiceSpec(ADAPTERS, "provider-adapters", settings.adaptersPort(),
                managementPort(settings.adaptersPort()), common(Map.of())));
        List<Integer> routerPorts = settings.routerPorts();
        for (int replica = 0; replica < routerPorts.size(); replica++) {
            specs.add(new ServiceSpec(StackSettings.routerName(replica), "router-service", routerPorts.get(replica),
                    managementPort(routerPorts.get(replica)), common(Map.of(
                            "QUARKUS_REST_CLIENT_REGISTRY_URL", registryUrl,
                            "QUARKUS_REST_CLIENT_TELEMETRY_URL", telemetryUrl,
                            "SWITCHBOARD_ROUTER_REPLY_PARTITION", String.valueOf(replica)))));
        }
        return specs;
    }

    /**
     * A service's management port: its HTTP port plus 1000 (router 9080, registry 9081, telemetry 9082, adapters 9083),
     * or any free port when that one is taken, as it may be next to the random ports of tests and benchmarks.
     */
    static int managementPort(int httpPort) {
        int preferred = httpPort + MANAGEMENT_OFFSET;
        return preferred <= 65535 && !Ports.inUse(preferred) ? preferred : Ports.free();
    }

    private Map<String, String> withDatabase(String database, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        if (postgres != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        }
        return common(env);
    }

    private Map<String, String> common(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(settings.extraEnvironment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SWITCHBOARD_API_KEY", settings.apiKey());
        env.put("SWITCHBOARD_ADMIN_KEY", settings.adminKey());
        env.put("SWITCHBOARD_OPS_KEY", settings.opsKey());
        env.putAll(extra);
        return env;
    }

    /** Each service with the address of its management interface (health and metrics), in start order. */
    public Map<String, String> managementAddresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        for (ServiceProcess service : services) {
            addresses.put(service.spec().name(), service.spec().managementUrl());
        }
        return addresses;
    }

    /** Every part with the address it answers on, in start order. */
    public Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        for (ServiceProcess service : services) {
            parts.put(service.spec().name(), service.spec().url());
        }
        parts.put("kafka", bootstrapServers);
        parts.put("postgres", postgres != null ? postgres.jdbcUrl("") : settings.externalJdbcUrl());
        return parts;
    }

    /** The base URL of each router replica, in start order. */
    public List<String> routerUrls() {
        return routers().stream().map(service -> service.spec().url()).toList();
    }

    private List<ServiceProcess> routers() {
        return services.stream().filter(service -> service.spec().module().equals("router-service")).toList();
    }

    /** The embedded Kafka broker, absent when the stack uses an external one; it can be stopped and started again. */
    public Optional<KafkaServer> kafka() {
        return Optional.ofNullable(kafka);
    }

    /** The embedded PostgreSQL, absent when the stack uses an external one. */
    public Optional<PostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public StackSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        // Reverse order: the router stops taking calls before the parts it depends on go away.
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop(STOP_GRACE);
        }
        services.clear();
        closeQuietly(kafka);
        closeQuietly(postgres);
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + directory, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("warning: " + e.getMessage());
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
