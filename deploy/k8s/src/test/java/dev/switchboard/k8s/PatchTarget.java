package dev.switchboard.k8s;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code target} of a kustomize patch: kind, name and equality-based label selector, each optional. */
record PatchTarget(String group, String kind, String name, Map<String, String> labels) {

    private static final Set<String> FIELDS = Set.of("group", "kind", "name", "labelSelector");

    static PatchTarget of(JsonNode target) {
        Kustomize.requireOnly(target, FIELDS, "patch target");
        Map<String, String> labels = new LinkedHashMap<>();
        String selector = target.path("labelSelector").asText("");
        for (String term : selector.isEmpty() ? new String[0] : selector.split(",")) {
            String[] pair = term.split("=", -1);
            if (pair.length != 2 || term.contains("!") || term.contains("==")) {
                throw new IllegalArgumentException("only key=value label selectors are supported: " + selector);
            }
            labels.put(pair[0].trim(), pair[1].trim());
        }
        return new PatchTarget(target.path("group").asText(null), target.path("kind").asText(null),
                target.path("name").asText(null), labels);
    }

    boolean matches(JsonNode resource) {
        ResourceId id = ResourceId.of(resource);
        if (group != null && !group.equals(id.group()) || kind != null && !kind.equals(id.kind())
                || name != null && !name.equals(id.name())) {
            return false;
        }
        JsonNode resourceLabels = resource.path("metadata").path("labels");
        return labels.entrySet().stream()
                .allMatch(label -> label.getValue().equals(resourceLabels.path(label.getKey()).asText(null)));
    }
}
