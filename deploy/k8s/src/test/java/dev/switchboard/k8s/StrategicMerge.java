package dev.switchboard.k8s;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Strategic merge patches as kustomize applies them, failing on a list it has no merge rule for. */
final class StrategicMerge {

    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name", "env",
            "name", "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name");
    /** Lists Kubernetes replaces whole. */
    private static final Set<String> ATOMIC_LISTS = Set.of("args", "command", "values",
            "preferredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution");

    private StrategicMerge() {
    }

    static boolean deletes(JsonNode patch) {
        JsonNode directive = patch.path("$patch");
        if (!directive.isMissingNode() && !directive.asText().equals("delete")) {
            throw new IllegalArgumentException("unsupported $patch: " + directive.asText());
        }
        return !directive.isMissingNode();
    }

    /** Merges the patch into the resource; the patch's own kind and name only chose the resource. */
    static void apply(ObjectNode resource, ObjectNode patch) {
        ObjectNode body = patch.deepCopy();
        body.remove("apiVersion");
        body.remove("kind");
        if (body.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("name");
            metadata.remove("namespace");
        }
        merge(resource, body, "");
    }

    private static void merge(ObjectNode target, ObjectNode patch, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String at = path + "/" + key;
            if (key.startsWith("$")) {
                throw new IllegalArgumentException("unsupported directive at " + at);
            }
            JsonNode value = field.getValue();
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current instanceof ObjectNode currentObject) {
                merge(currentObject, (ObjectNode) value, at);
            } else if (value.isArray() && current instanceof ArrayNode currentList) {
                target.set(key, mergeList(key, currentList, (ArrayNode) value, at));
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static ArrayNode mergeList(String key, ArrayNode current, ArrayNode patch, String path) {
        if (ATOMIC_LISTS.contains(key)) {
            return patch.deepCopy();
        }
        String mergeKey = MERGE_KEYS.get(key);
        if (mergeKey == null) {
            throw new IllegalArgumentException("no merge rule for the list at " + path);
        }
        ArrayNode merged = current.deepCopy();
        for (JsonNode item : patch) {
            ObjectNode existing = find(merged, mergeKey, item.path(mergeKey).asText());
            if (existing == null) {
                merged.add(item.deepCopy());
            } else {
                merge(existing, (ObjectNode) item, path + "[" + item.path(mergeKey).asText() + "]");
            }
        }
        return merged;
    }

    private static ObjectNode find(ArrayNode list, String mergeKey, String value) {
        for (JsonNode item : list) {
            if (item.path(mergeKey).asText().equals(value)) {
                return (ObjectNode) item;
            }
        }
        return null;
    }
}
