package dev.switchboard.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds a kustomization as {@code kustomize build} does, for the fields deploy/k8s uses, and fails on any other. */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "components",
            "patches", "images", "replicas");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet");

    private Kustomize() {
    }

    static List<ObjectNode> build(Path directory) {
        return build(directory, "Kustomization", List.of());
    }

    private static List<ObjectNode> build(Path directory, String kind, List<ObjectNode> inherited) {
        JsonNode kustomization = kustomization(directory, kind);
        List<ObjectNode> resources = new ArrayList<>(inherited);
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = directory.resolve(entry.asText()).normalize();
            List<ObjectNode> loaded = Files.isDirectory(path) ? build(path) : load(directory, path);
            loaded.forEach(resource -> add(resources, resource));
        }
        List<ObjectNode> accumulated = resources;
        for (JsonNode entry : kustomization.path("components")) {
            accumulated = build(directory.resolve(entry.asText()).normalize(), "Component", accumulated);
        }
        List<ObjectNode> result = new ArrayList<>(accumulated);
        Patches.apply(directory, kustomization.path("patches"), result);
        if (kustomization.hasNonNull("namespace")) {
            setNamespace(result, kustomization.get("namespace").asText());
        }
        Images.apply(kustomization.path("images"), result);
        setReplicas(kustomization.path("replicas"), result);
        return result;
    }

    static void requireOnly(JsonNode node, Set<String> allowed, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(what + ": unsupported field " + name);
            }
        }
    }

    /** Kustomize reads only files under the kustomization's own directory. */
    static Path inside(Path directory, String relative) {
        Path path = directory.resolve(relative).normalize();
        if (!path.startsWith(directory.normalize())) {
            throw new IllegalArgumentException(path + " is outside " + directory);
        }
        return path;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode kustomization(Path directory, String kind) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        JsonNode kustomization = Yaml.documents(file).get(0);
        requireOnly(kustomization, FIELDS, file.toString());
        if (!kustomization.path("kind").asText("Kustomization").equals(kind)) {
            throw new IllegalArgumentException(file + " is not a " + kind);
        }
        return kustomization;
    }

    private static List<ObjectNode> load(Path directory, Path file) {
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode document : Yaml.documents(inside(directory, directory.relativize(file).toString()))) {
            if (!(document instanceof ObjectNode resource) || !resource.hasNonNull("apiVersion")
                    || !resource.hasNonNull("kind") || resource.path("metadata").path("name").asText().isEmpty()) {
                throw new IllegalArgumentException(file + ": a document without apiVersion, kind or name");
            }
            resources.add(resource);
        }
        return resources;
    }

    private static void add(List<ObjectNode> resources, ObjectNode resource) {
        ResourceId id = ResourceId.of(resource);
        if (resources.stream().anyMatch(existing -> ResourceId.of(existing).equals(id))) {
            throw new IllegalArgumentException("resource " + id + " is defined twice");
        }
        resources.add(resource);
    }

    private static void setNamespace(List<ObjectNode> resources, String namespace) {
        for (ObjectNode resource : resources) {
            ObjectNode metadata = (ObjectNode) resource.get("metadata");
            String kind = resource.get("kind").asText();
            if (kind.equals("Namespace")) {
                metadata.put("name", namespace);
            } else if (!CLUSTER_SCOPED.contains(kind)) {
                metadata.put("namespace", namespace);
            }
        }
    }

    private static void setReplicas(JsonNode entries, List<ObjectNode> resources) {
        for (JsonNode entry : entries) {
            requireOnly(entry, Set.of("name", "count"), "replicas");
            List<ObjectNode> targets = resources.stream()
                    .filter(resource -> SCALABLE.contains(resource.get("kind").asText()))
                    .filter(resource -> resource.get("metadata").get("name").asText().equals(entry.get("name").asText()))
                    .toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("replicas: no workload named " + entry.get("name").asText());
            }
            targets.forEach(target -> target.with("spec").put("replicas", entry.get("count").asInt()));
        }
    }
}
