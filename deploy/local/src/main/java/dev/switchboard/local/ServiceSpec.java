package dev.switchboard.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * One service JVM to start: its name, Maven module, HTTP port, the port of its management interface (health and
 * metrics) and the environment it needs beyond the inherited one.
 */
public record ServiceSpec(String name, String module, int port, int managementPort, Map<String, String> environment) {

    public Path runnableJar(Path repository) {
        return repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where health ({@code /q/health}) and Prometheus metrics ({@code /q/metrics}) are served. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }
}
