package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where kustomize or kubectl is on the PATH, what it builds of each overlay equals the assembly the tests check. */
class KustomizeCrossCheckTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theAssemblyEqualsWhatKustomizeBuilds(Overlay overlay) throws Exception {
        Optional<List<String>> command = kustomizeCommand();
        assumeTrue(command.isPresent(), "no kustomize or kubectl on the PATH");
        List<String> arguments = new ArrayList<>(command.get());
        arguments.add(overlay.directory().toString());
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(byId(Yaml.documents(output))).isEqualTo(byId(new ArrayList<>(overlay.manifests().all())));
    }

    private static Map<String, JsonNode> byId(List<? extends JsonNode> resources) {
        Map<String, JsonNode> byId = new TreeMap<>();
        resources.forEach(resource -> byId.put(ResourceId.of(resource).toString(), normalized(resource.deepCopy())));
        return byId;
    }

    /** Kustomize puts items a patch adds to a keyed list first; order within such lists carries no meaning. */
    private static JsonNode normalized(JsonNode node) {
        node.forEach(KustomizeCrossCheckTest::normalized);
        if (node instanceof ArrayNode list && list.size() > 1 && allNamed(list)) {
            List<JsonNode> items = new ArrayList<>();
            list.forEach(items::add);
            items.sort(Comparator.comparing(item -> item.get("name").asText()));
            list.removeAll();
            items.forEach(list::add);
        }
        return node;
    }

    private static boolean allNamed(ArrayNode list) {
        for (JsonNode item : list) {
            if (!(item instanceof ObjectNode) || !item.hasNonNull("name")) {
                return false;
            }
        }
        return true;
    }

    private static Optional<List<String>> kustomizeCommand() throws IOException {
        if (onPath("kustomize")) {
            return Optional.of(List.of("kustomize", "build"));
        }
        return onPath("kubectl") ? Optional.of(List.of("kubectl", "kustomize")) : Optional.empty();
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
