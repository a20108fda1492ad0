package dev.switchboard.k8s;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 6902 patches, limited to the add, replace and remove operations. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode resource, JsonNode operations) {
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            String pointer = operation.path("path").asText();
            List<String> path = parse(pointer);
            JsonNode parent = navigate(resource, path.subList(0, path.size() - 1), pointer);
            String last = path.get(path.size() - 1);
            switch (op) {
                case "add" -> add(parent, last, operation.get("value").deepCopy(), pointer);
                case "replace" -> {
                    requirePresent(parent, last, pointer);
                    set(parent, last, operation.get("value").deepCopy());
                }
                case "remove" -> {
                    requirePresent(parent, last, pointer);
                    if (parent instanceof ObjectNode object) {
                        object.remove(last);
                    } else {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    }
                }
                default -> throw new IllegalArgumentException("unsupported JSON patch operation: " + op);
            }
        }
    }

    private static List<String> parse(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("not a JSON pointer: " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode navigate(JsonNode node, List<String> path, String pointer) {
        JsonNode current = node;
        for (String token : path) {
            current = current.isArray() ? current.get(Integer.parseInt(token)) : current.get(token);
            if (current == null || !current.isContainerNode()) {
                throw new IllegalArgumentException("no such parent for " + pointer);
            }
        }
        return current;
    }

    private static void add(JsonNode parent, String key, JsonNode value, String pointer) {
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else if (key.equals("-")) {
            ((ArrayNode) parent).add(value);
        } else {
            int index = Integer.parseInt(key);
            if (index > parent.size()) {
                throw new IllegalArgumentException("index out of range: " + pointer);
            }
            ((ArrayNode) parent).insert(index, value);
        }
    }

    private static void set(JsonNode parent, String key, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(key), value);
        }
    }

    private static void requirePresent(JsonNode parent, String key, String pointer) {
        boolean present = parent.isObject() ? parent.has(key)
                : key.matches("\\d+") && Integer.parseInt(key) < parent.size();
        if (!present) {
            throw new IllegalArgumentException("nothing at " + pointer);
        }
    }
}
