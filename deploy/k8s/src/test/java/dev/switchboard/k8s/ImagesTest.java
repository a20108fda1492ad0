package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.Container;

/** The images are named in one kustomization, and are the ones the build's container-image settings produce. */
class ImagesTest {

    /** The Maven module, and so the image, each component runs. */
    private static final Map<String, String> ARTIFACTS = Map.of("router", "router-service", "registry",
            "registry-service", "telemetry", "telemetry-service", Workload.ADAPTER, "provider-adapters");

    @Test
    void onlyTheBaseKustomizationNamesImages() throws IOException {
        Path root = Overlay.root();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> naming = files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
                    .filter(file -> !file.startsWith(root.resolve("target")))
                    .filter(file -> Yaml.documents(file).get(0).has("images")).toList();
            assertThat(naming).containsExactly(root.resolve("base/kustomization.yaml"));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyContainerRunsTheImageTheBuildProduces(Overlay overlay) throws IOException {
        Properties built = new Properties();
        try (InputStream in = ImagesTest.class.getResourceAsStream("/images.properties")) {
            built.load(in);
        }
        String registry = built.getProperty("registry");
        String prefix = (registry.isBlank() || registry.startsWith("${") ? "" : registry + "/") + built.getProperty("group")
                + "/";
        for (Workload workload : overlay.manifests().workloads()) {
            for (Container container : workload.containers()) {
                assertThat(container.getImage()).as(workload.toString())
                        .isEqualTo(prefix + ARTIFACTS.get(workload.component()) + ":" + built.getProperty("tag"));
            }
        }
    }
}
