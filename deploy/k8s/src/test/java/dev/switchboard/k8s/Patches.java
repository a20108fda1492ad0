package dev.switchboard.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code patches} of a kustomization: strategic merge or JSON 6902, inline or from a file. */
final class Patches {

    private Patches() {
    }

    static void apply(Path directory, JsonNode patches, List<ObjectNode> resources) {
        for (JsonNode entry : patches) {
            Kustomize.requireOnly(entry, Set.of("path", "patch", "target"), "patch");
            String text = entry.has("path") ? Kustomize.read(Kustomize.inside(directory, entry.get("path").asText()))
                    : entry.path("patch").asText();
            PatchTarget target = entry.has("target") ? PatchTarget.of(entry.get("target")) : null;
            List<JsonNode> documents = Yaml.documents(text);
            if (documents.size() == 1 && documents.get(0).isArray()) {
                if (target == null) {
                    throw new IllegalArgumentException("a JSON 6902 patch needs a target: " + entry);
                }
                matching(resources, target).forEach(resource -> JsonPatch.apply(resource, documents.get(0)));
                continue;
            }
            for (JsonNode document : documents) {
                List<ObjectNode> targets = target == null ? List.of(byId(resources, document)) : matching(resources, target);
                for (ObjectNode resource : targets) {
                    if (StrategicMerge.deletes(document)) {
                        resources.removeIf(candidate -> candidate == resource);
                    } else {
                        StrategicMerge.apply(resource, (ObjectNode) document);
                    }
                }
            }
        }
    }

    private static List<ObjectNode> matching(List<ObjectNode> resources, PatchTarget target) {
        List<ObjectNode> matches = resources.stream().filter(target::matches).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no resource matches the patch target " + target);
        }
        return matches;
    }

    private static ObjectNode byId(List<ObjectNode> resources, JsonNode patch) {
        ResourceId wanted = ResourceId.of(patch);
        List<ObjectNode> matches = resources.stream().filter(resource -> {
            ResourceId id = ResourceId.of(resource);
            return id.kind().equals(wanted.kind()) && id.name().equals(wanted.name()) && id.group().equals(wanted.group());
        }).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("the patch for " + wanted + " matches " + matches.size() + " resources");
        }
        return matches.get(0);
    }
}
