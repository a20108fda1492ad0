package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service that dies at start-up leaves a log whose last lines say why. */
class ServiceProcessTest {

    /** The JVM running this test, without a start-up cache of any kind. */
    private final ServiceJvm jvm = new ServiceJvm(Path.of(System.getProperty("java.home")),
            Runtime.version().feature());

    @TempDir
    Path repository;

    @Test
    void theLogTailOfAServiceThatCouldNotStartSaysWhy() throws Exception {
        ServiceSpec spec = new ServiceSpec("broken", "broken-service", Ports.free(), Ports.free(), Map.of());
        Path jar = spec.runnableJar(repository);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a jar");

        ServiceProcess process = ServiceProcess.start(spec, repository, repository.resolve("logs"), jvm, List.of());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(process.isAlive()).isFalse();
        assertThat(process.logTail(30)).containsIgnoringCase("jarfile");
    }

    @Test
    void aMissingJarIsNamed() {
        ServiceSpec spec = new ServiceSpec("absent", "absent-service", Ports.free(), Ports.free(), Map.of());

        assertThatThrownBy(() -> ServiceProcess.start(spec, repository, repository.resolve("logs"), jvm, List.of()))
                .hasMessageContaining("quarkus-run.jar is missing");
    }
}
