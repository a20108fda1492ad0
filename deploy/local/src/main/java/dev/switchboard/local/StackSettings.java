package dev.switchboard.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a local stack is made of: where the build and the state live, the ports, and any external Kafka or PostgreSQL
 * to use instead of the embedded ones.
 *
 * @param routerPorts one port per router replica
 * @param externalKafka bootstrap servers of a Kafka to use, or null to start the embedded broker
 * @param externalJdbcUrl JDBC URL of a PostgreSQL to use, or null to start the embedded server
 * @param persistentData whether the embedded PostgreSQL and Kafka keep their data under the home directory (else
 *        both start empty and leave nothing behind)
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
        Map<String, String> extraEnvironment) {

    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC");

    /** The settings `./switchboard up` uses: defaults, overridden by SWITCHBOARD_* variables. */
    public static StackSettings fromEnvironment(Path repository, Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("SWITCHBOARD_HOME", repository.resolve(".switchboard").toString()));
        String javaOptions = env.get("SWITCHBOARD_JAVA_OPTS");
        return new StackSettings(
                repository,
                home,
                port(env, "SWITCHBOARD_KAFKA_PORT", 9092),
                port(env, "SWITCHBOARD_POSTGRES_PORT", 15432),
                List.of(port(env, "SWITCHBOARD_ROUTER_PORT", 8080)),
                port(env, "SWITCHBOARD_REGISTRY_PORT", 8081),
                port(env, "SWITCHBOARD_TELEMETRY_PORT", 8082),
                port(env, "SWITCHBOARD_ADAPTERS_PORT", 8083),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("QUARKUS_DATASOURCE_JDBC_URL")),
                true,
                Keys.resolve(env.get("SWITCHBOARD_API_KEY"), home.resolve("api-key")),
                Keys.resolve(env.get("SWITCHBOARD_ADMIN_KEY"), home.resolve("admin-key")),
                javaOptions == null || javaOptions.isBlank() ? DEFAULT_JAVA_OPTIONS : List.of(javaOptions.trim().split("\\s+")),
                Map.of());
    }

    public Path logDirectory() {
        return home.resolve("logs");
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
